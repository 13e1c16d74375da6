// Importing the sample registers the three contract suites in this file.
import './contracts.js';

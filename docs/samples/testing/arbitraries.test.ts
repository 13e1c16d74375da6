// Importing the samples registers their properties in this file.
import './arbitraries.js';

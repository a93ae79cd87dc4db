/**
 * Dependency trees as head arrays and arc indices, and a generated treebank from a small grammar.
 */
package org.imle.data.treebank;

/**
 * CoNLL-U (Universal Dependencies) treebanks: sentences, words, multi-word tokens and empty nodes,
 * read and written.
 */
package org.imle.data.conllu;

/**
 * Reviews for the learning-to-explain experiment: BeerAdvocate files, generated reviews with known
 * rationales, the vocabulary and GloVe/word2vec word vectors.
 */
package org.imle.data.reviews;

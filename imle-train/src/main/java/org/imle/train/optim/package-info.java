/**
 * Optimisers (SGD with momentum and weight decay, Adam) and learning-rate schedules (multi-step, cosine).
 */
package org.imle.train.optim;

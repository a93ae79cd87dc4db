/**
 * Test helpers shared with the other modules' tests through imle-api's test jar: small oracles,
 * random instances, deterministic noise, statistics and the thread-safety check.
 */
package org.imle.api.testing;

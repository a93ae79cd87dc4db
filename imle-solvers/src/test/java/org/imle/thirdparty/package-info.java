/**
 * A plug-in written as a third party would write it, outside the library's packages, and the test
 * that the registry finds it.
 */
package org.imle.thirdparty;

/**
 * What every reader of this module shares: the exceptions for bad and missing files (naming file,
 * line or byte offset), strict decimal parsing and line-counting text input. The formats and
 * generators are in one sub-package each.
 */
package org.imle.data;

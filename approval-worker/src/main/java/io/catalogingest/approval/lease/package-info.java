/** Fencing of approval drivers: the lease (owner, epoch) every write of a driver is made under. */
package io.catalogingest.approval.lease;

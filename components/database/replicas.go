package database

import "fmt"

// Replica rules live here, in one place (terraform-aws-rds's is_replica), so the primary and its
// replicas can't drift apart by accident.

// replicaAZs spreads count replicas round-robin over azs, starting at azs[offset]. Replica i always
// gets the same AZ for the same AZ list, so adding a replica never moves the existing ones.
func replicaAZs(azs []string, count, offset int) []string {
	if len(azs) == 0 {
		return make([]string, count)
	}
	out := make([]string, count)
	for i := range out {
		out[i] = azs[(i+offset)%len(azs)]
	}
	return out
}

// replicaName is the stable logical name of replica i: "<name>-replica-<i>". It depends on nothing
// but i, so N → N+1 adds "<name>-replica-<N>" and leaves the others untouched.
func replicaName(name string, i int) string { return fmt.Sprintf("%s-replica-%d", name, i) }

// readerName is the stable logical name of Aurora reader i: "<name>-reader-<i>".
func readerName(name string, i int) string { return fmt.Sprintf("%s-reader-%d", name, i) }

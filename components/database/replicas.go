package database

import (
	"fmt"
	"slices"
)

// Replica rules live here, in one place (terraform-aws-rds's is_replica), so the primary and its
// replicas can't drift apart by accident.

// placementField is the instance input placement sets. RDS cannot move a single-AZ instance to
// another AZ in place: a changed availabilityZone replaces it (ModifyDBInstance has no AZ
// parameter; the provider marks it ForceNew, internal/plan/stateful.go), so members ignore later
// changes of it (see placementOptions) and placement only ever decides where a member is created.
const placementField = "availabilityZone"

// primaryAZ is the AZ a primary is pinned to: the first of azs for a single-AZ primary, so its
// replicas can be placed away from it; "" for a Multi-AZ primary, which RDS refuses an AZ for
// (RDS API Reference, CreateDBInstance, AvailabilityZone: not allowed for a Multi-AZ deployment).
func primaryAZ(azs []string, multiAZ bool) string {
	if multiAZ || len(azs) == 0 {
		return ""
	}
	return azs[0]
}

// replicaAZ is the AZ of replica i. Next to a single-AZ primary running in primary, replicas go
// round-robin over the other AZs, so one AZ outage never takes the writer and a reader together;
// next to a Multi-AZ primary (primary ""), which moves between AZs on failover, they go
// round-robin over every AZ from the first. The AZ depends only on azs, primary and i, so adding
// a replica never moves the existing ones.
func replicaAZ(azs []string, primary string, i int) string {
	others := slices.DeleteFunc(slices.Clone(azs), func(az string) bool { return az == primary })
	if len(others) == 0 {
		return ""
	}
	return others[i%len(others)]
}

// Placement is where a primary and its read replicas are created, for a primary in its pinned AZ.
type Placement struct {
	// Primary is the primary's AZ, "" when RDS chooses (Multi-AZ).
	Primary string
	// Replicas are the replicas' AZs, in replica order.
	Replicas []string
}

// PlaceReplicas returns where a new primary (Multi-AZ or not) and its replicas go in azs, the
// network's AZs in order: the rule RdsWithReplicas applies when it creates them.
func PlaceReplicas(azs []string, multiAZ bool, replicas int) Placement {
	p := Placement{Primary: primaryAZ(azs, multiAZ), Replicas: make([]string, replicas)}
	for i := range p.Replicas {
		p.Replicas[i] = replicaAZ(azs, p.Primary, i)
	}
	return p
}

// replicaAZs spreads count Aurora instances round-robin over azs, starting at azs[offset]. Instance
// i always gets the same AZ for the same AZ list, so adding one never moves the existing ones.
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

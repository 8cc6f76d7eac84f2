package database

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestReplicaAZs(t *testing.T) {
	azs := []string{"a", "b", "c"}
	assert.Equal(t, []string{"a", "b", "c", "a", "b"}, replicaAZs(azs, 5, 0))
	assert.Equal(t, []string{"b", "c", "a"}, replicaAZs(azs, 3, 1))
	assert.Empty(t, replicaAZs(azs, 0, 0))
	// Adding a replica never moves the existing ones.
	assert.Equal(t, replicaAZs(azs, 4, 0), replicaAZs(azs, 5, 0)[:4])
	assert.Equal(t, "db-replica-3", replicaName("db", 3))
	assert.Equal(t, "db-reader-0", readerName("db", 0))
}

// TestPlaceReplicas checks the placement rule for 2 and 3 AZs, single- and Multi-AZ, 0–15
// replicas: a single-AZ primary is pinned to the first AZ and no replica shares its AZ; a
// Multi-AZ primary is not pinned (RDS refuses an AZ for it); replicas are spread evenly (the
// counts per eligible AZ differ by at most one); and N+1 replicas keep the first N where they
// were.
func TestPlaceReplicas(t *testing.T) {
	for _, azs := range [][]string{{"use1-a", "use1-b"}, {"use1-a", "use1-b", "use1-c"}} {
		for _, multiAZ := range []bool{false, true} {
			previous := []string{}
			for n := 0; n <= 15; n++ {
				name := fmt.Sprintf("%d AZs, multiAZ %t, %d replicas", len(azs), multiAZ, n)
				p := PlaceReplicas(azs, multiAZ, n)
				eligible := azs
				if multiAZ {
					assert.Empty(t, p.Primary, name)
				} else {
					assert.Equal(t, azs[0], p.Primary, name)
					eligible = azs[1:]
				}
				assert.Len(t, p.Replicas, n, name)
				counts := map[string]int{}
				for i, az := range p.Replicas {
					assert.Contains(t, eligible, az, "%s: replica %d", name, i)
					assert.NotEqual(t, p.Primary, az, "%s: replica %d shares the primary's AZ", name, i)
					counts[az]++
				}
				if n >= len(eligible) {
					lo, hi := n, 0
					for _, az := range eligible {
						lo, hi = min(lo, counts[az]), max(hi, counts[az])
					}
					assert.LessOrEqual(t, hi-lo, 1, "%s: uneven spread %v", name, counts)
				}
				assert.Equal(t, previous, p.Replicas[:len(previous)], "%s: a new replica moved an existing one", name)
				previous = p.Replicas
			}
		}
	}
}

// TestReplicasAvoidWherePrimaryActuallyRuns: a single-AZ primary that RDS placed elsewhere (it
// existed before tenk pinned it) keeps its AZ, and the replicas avoid that one.
func TestReplicasAvoidWherePrimaryActuallyRuns(t *testing.T) {
	azs := []string{"a", "b", "c"}
	assert.Equal(t, "a", replicaAZ(azs, "b", 0))
	assert.Equal(t, "c", replicaAZ(azs, "b", 1))
	assert.Equal(t, "a", replicaAZ(azs, "b", 2))
	assert.Equal(t, "a", replicaAZ(azs, "elsewhere", 0), "an unknown AZ excludes nothing")
}

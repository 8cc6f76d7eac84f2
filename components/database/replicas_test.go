package database

import (
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

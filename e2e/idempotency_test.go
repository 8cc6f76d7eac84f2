package e2e_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenkstack/tenk/e2e"
)

func TestNoChanges(t *testing.T) {
	assert.NoError(t, e2e.NoChanges(map[string]int{"same": 97}))
	assert.NoError(t, e2e.NoChanges(map[string]int{"same": 97, "update": 0}))
	err := e2e.NoChanges(map[string]int{"same": 95, "update": 1, "replace": 1})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "replace 1, update 1")
}

package logretention

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCheck(t *testing.T) {
	for _, ok := range []int{1, 30, 365, 3653} {
		assert.NoError(t, Check("LogRetentionDays", ok), ok)
	}
	for _, bad := range []int{0, -1, 2, 10, 31, 366, 3654} {
		err := Check("FlowLogRetentionDays", bad)
		require.Error(t, err, bad)
		assert.Contains(t, err.Error(), "FlowLogRetentionDays is ")
		assert.Contains(t, err.Error(), "CloudWatch Logs accepts only 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653")
	}
}

func TestDaysIsACopy(t *testing.T) {
	d := Days()
	d[0] = 2
	assert.True(t, Valid(1))
	assert.False(t, Valid(2))
	assert.Len(t, Days(), 22)
}

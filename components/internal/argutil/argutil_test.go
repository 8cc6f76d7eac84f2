package argutil_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/tenkstack/tenk/components/internal/argutil"
)

func TestFirstDuplicate(t *testing.T) {
	assert.Equal(t, "b", argutil.FirstDuplicate([]string{"a", "b", "c", "b", "a"}))
	assert.Empty(t, argutil.FirstDuplicate([]string{"a", "b"}))
	assert.Empty(t, argutil.FirstDuplicate(nil))
}

func TestJoinInts(t *testing.T) {
	assert.Equal(t, "1, 3, 5", argutil.JoinInts([]int{1, 3, 5}))
	assert.Empty(t, argutil.JoinInts(nil))
}

func TestPtr(t *testing.T) {
	p := argutil.Ptr(7)
	*p = 8
	assert.Equal(t, 8, *argutil.Ptr(*p))
}

func TestDefaultFillsOnlyZeroValues(t *testing.T) {
	s, n := "", 5
	argutil.Default(&s, "app")
	argutil.Default(&n, 30)
	assert.Equal(t, "app", s)
	assert.Equal(t, 5, n, "a set value stays")
}

func TestDefaultPtrKeepsAnExplicitZero(t *testing.T) {
	var unset *bool
	off := argutil.Ptr(false)
	argutil.DefaultPtr(&unset, true)
	argutil.DefaultPtr(&off, true)
	assert.True(t, *unset)
	assert.False(t, *off, "an explicit false is kept, not replaced by the default")
}

package argutil_test

import (
	"strings"
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

func TestTagProblems(t *testing.T) {
	assert.Empty(t, argutil.TagProblems(map[string]string{"team": "shop"}, 50, "S3"))
	got := argutil.TagProblems(map[string]string{"aws:owner": "x", "ok": strings.Repeat("v", 257), "b": "", "c": ""}, 3, "S3 and CloudFront")
	assert.Equal(t, []string{
		"the Tags map has 4 tags: S3 and CloudFront accept at most 3 per resource",
		"the Tags key \"aws:owner\" is invalid: keys must be 1–128 characters and must not start with \"aws:\"",
		"the Tags value of \"ok\" is 257 characters: values are at most 256",
	}, got)
	assert.Len(t, argutil.TagProblems(map[string]string{"": "x", strings.Repeat("k", 129): "y"}, 50, "S3"), 2)
}

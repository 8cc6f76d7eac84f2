package fielderr

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestListSortsByPathAndListsEveryProblem(t *testing.T) {
	var l List
	l.Addf("Scaling.MaxSize", "is %d: use 1 or more", 0)
	l.Addf("AppPort", "is %d: use a TCP port 1–65535", 70000)
	l.Addf("Scaling.MaxSize", "is below %s (%d)", Ref("Scaling.MinSize"), 3)
	err := l.Err()
	require.Error(t, err)
	assert.Equal(t, "AppPort is 70000: use a TCP port 1–65535\nScaling.MaxSize is 0: use 1 or more\nScaling.MaxSize is below Scaling.MinSize (3)", err.Error())

	var got List
	require.True(t, errors.As(fmt.Errorf("web: %w", err), &got), "errors.As finds the list")
	assert.Equal(t, []string{"AppPort", "Scaling.MaxSize", "Scaling.MaxSize"}, Paths(got))
	assert.Equal(t, "AppPort", l[1].Path, "Err does not reorder the list it was called on")
}

func TestEmptyListIsNoError(t *testing.T) {
	var l List
	assert.NoError(t, l.Err())
}

func TestRenderNamesEveryFieldThroughTheLookup(t *testing.T) {
	e := New("HealthCheck.TimeoutSeconds", "(%d) must be shorter than %s (%d)", 20, Ref("HealthCheck.IntervalSeconds"), 15)
	upper := func(p string) string { return strings.ToUpper(p) }
	assert.Equal(t, "HEALTHCHECK.TIMEOUTSECONDS (20) must be shorter than HEALTHCHECK.INTERVALSECONDS (15)", e.Render(upper))
	assert.Equal(t, "(20) must be shorter than HealthCheck.IntervalSeconds (15)", e.Message())
	assert.Equal(t, "the args are empty", New("", "the args are empty").Error())
}

func TestAppendFlattens(t *testing.T) {
	var inner List
	inner.Addf("A", "is bad")
	var l List
	l.Append(nil)
	l.Append(inner.Err())
	l.Append(New("B", "is bad"))
	l.Append(errors.Join(New("C", "is bad"), errors.New("plain")))
	assert.Equal(t, []string{"A", "B", "C", ""}, Paths(l))
	assert.Equal(t, "plain", l[3].Error())
}

func TestPaths(t *testing.T) {
	assert.Equal(t, "HealthCheck.Path", Field("HealthCheck", "Path"))
	assert.Equal(t, "AppPort", Field("", "AppPort"))
	assert.Equal(t, "ReplicaAzs[2]", Index("ReplicaAzs", 2))
	assert.Equal(t, `Tags["x"]`, Key("Tags", "x"))
	base, sel := Base(`Tags["x"]`)
	assert.Equal(t, "Tags", base)
	assert.Equal(t, `["x"]`, sel)
	base, sel = Base("AppPort")
	assert.Equal(t, "AppPort", base)
	assert.Empty(t, sel)
}

func TestChecks(t *testing.T) {
	var l List
	l.Required("VpcID", false, "pass the network's VPC ID")
	l.Required("Other", true, "unused")
	Range(&l, "Count", 7, 1, 6, "")
	Range(&l, "Count", 3, 1, 6, "")
	Range(&l, "Target", 101.5, 1, 100, "target tracking")
	OneOf(&l, "Engine", "oracle", "valkey", "redis", "memcached")
	NoNil(&l, "SubnetIDs", []fmt.Stringer{nil, stringer("a"), nil}, "a subnet ID")
	l.Tags("Tags", map[string]string{"aws:x": "v", "ok": strings.Repeat("v", 257), "": "v"}, 2, "S3 and CloudFront")
	assert.Equal(t, []string{
		"VpcID is required: pass the network's VPC ID",
		"Count is 7: use 1–6",
		"Target is 101.5: target tracking accepts 1–100",
		`Engine is "oracle": use "valkey", "redis" or "memcached"`,
		"SubnetIDs[0] is nil: pass a subnet ID or remove the entry",
		"SubnetIDs[2] is nil: pass a subnet ID or remove the entry",
		"Tags has 3 tags: S3 and CloudFront accept at most 2 per resource; drop some",
		`Tags[""] is an invalid key: keys are 1–128 characters and must not start with "aws:" (AWS reserves it); rename it`,
		`Tags["aws:x"] is an invalid key: keys are 1–128 characters and must not start with "aws:" (AWS reserves it); rename it`,
		`Tags["ok"] is 257 characters: values are at most 256`,
	}, lines(l))
	assert.Equal(t, `"a"`, Choices("a"))
}

type stringer string

func (s stringer) String() string { return string(s) }

func lines(l List) []string {
	out := make([]string, len(l))
	for i, e := range l {
		out[i] = e.Error()
	}
	return out
}

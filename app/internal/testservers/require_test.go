package testservers

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
)

// recorder stands in for *testing.T to see whether findBinary skips or fails.
type recorder struct {
	testing.TB
	skipped, failed string
}

func (r *recorder) Helper()                           {}
func (r *recorder) Skip(args ...any)                  { r.skipped = fmt.Sprint(args...) }
func (r *recorder) Fatalf(format string, args ...any) { r.failed = fmt.Sprintf(format, args...) }

func TestMissingServerSkipsOnADeveloperMachineAndFailsInCI(t *testing.T) {
	t.Setenv("CI", "")
	r := &recorder{}
	assert.Empty(t, findBinary(r, "no-such-server", "no-such-package", "/nonexistent/*/bin/x"))
	assert.Contains(t, r.skipped, "apt-get install -y --no-install-recommends no-such-package")
	assert.Empty(t, r.failed)

	t.Setenv("CI", "true")
	r = &recorder{}
	findBinary(r, "no-such-server", "no-such-package")
	assert.Contains(t, r.failed, "CI never skips these tests")
	assert.Empty(t, r.skipped)
}

package main

import (
	"bytes"
	"context"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
)

// The probes themselves run against the real application in internal/server's tests; this
// checks the command's contract: JSON out, exit codes.
func TestExitCodes(t *testing.T) {
	var out, errs bytes.Buffer
	assert.Equal(t, 2, run(context.Background(), nil, &out, &errs, http.DefaultTransport))
	assert.Contains(t, errs.String(), "--site is required")

	out.Reset()
	code := run(context.Background(), []string{"--site", "http://127.0.0.1:1", "--timeout", "5s"}, &out, &errs, http.DefaultTransport)
	assert.Equal(t, 1, code, "nothing listens there: every probe fails")
	assert.Contains(t, out.String(), `"name": "page"`)
	assert.Contains(t, out.String(), `"ok": false`)
}

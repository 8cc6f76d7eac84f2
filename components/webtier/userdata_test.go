package webtier

import (
	"encoding/base64"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDefaultUserDataServesThePortAndHealthPath(t *testing.T) {
	script := DefaultUserData(8080, "/health")
	assert.True(t, strings.HasPrefix(script, "#!/bin/bash\n"))
	assert.Contains(t, script, "PORT = 8080\n")
	assert.Contains(t, script, `HEALTH_PATH = "/health"`)
	assert.Contains(t, script, "systemctl enable tenk-web.service\nsystemctl start --no-block tenk-web.service\n",
		"started without blocking cloud-init, even when made to wait for another unit")
	assert.NotContains(t, script, "--now")
	assert.Contains(t, script, "/usr/bin/python3 /opt/tenk/server.py")
	assert.NotContains(t, script, "%!", "no formatting verb left unexpanded")
	// The Python string formatting survives Sprintf.
	assert.Contains(t, script, `"<h1>tenk web tier</h1><p>served by %s</p>\n" % socket.gethostname()`)

	other := DefaultUserData(80, "/healthz")
	assert.Contains(t, other, "PORT = 80\n")
	assert.Contains(t, other, `HEALTH_PATH = "/healthz"`)
}

func TestEncodeUserDataGzipsDeterministically(t *testing.T) {
	script := "#!/bin/bash\necho hi\n"
	encoded := encodeUserData(script)
	raw, err := base64.StdEncoding.DecodeString(encoded)
	require.NoError(t, err)
	assert.Equal(t, []byte{0x1f, 0x8b}, raw[:2], "gzip, which cloud-init uncompresses")
	decoded, err := DecodeUserData(encoded)
	require.NoError(t, err)
	assert.Equal(t, script, decoded)
	assert.Equal(t, encoded, encodeUserData(script), "no time or name in the header: an unchanged script is an unchanged template")
}

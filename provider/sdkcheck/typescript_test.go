package sdkcheck

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

const (
	schemaPath = "../schema.json"
	examples   = "../../examples"
)

// requireTool finds a program the check needs: missing, it fails under CI (CI=true: CI checks
// everything) and skips elsewhere, saying what to install.
func requireTool(t *testing.T, name, install string) {
	t.Helper()
	if _, err := exec.LookPath(name); err == nil {
		return
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("%s is not installed: CI runs every SDK check; %s", name, install)
	}
	t.Skipf("skipped: %s is not installed (%s)", name, install)
}

// TestTypeScriptExampleCompiles builds the generated Node.js SDK as `pulumi package add` leaves it
// in sdks/tenkstack-tenk (its postinstall compiles it), installs examples/typescript from its
// lockfile with the real @pulumi/pulumi and @pulumi/aws, and type-checks index.ts with tsc
// --strict. TENK_UPDATE_LOCK=1 rewrites examples/typescript/package-lock.json instead.
func TestTypeScriptExampleCompiles(t *testing.T) {
	requireTool(t, "npm", "Node.js 20+ with npm")
	src := filepath.Join(examples, "typescript")
	proj, err := OpenNodeProject("typescript", src, "package.json", "package-lock.json", "tsconfig.json", "index.ts")
	require.NoError(t, err)
	defer proj.Close()

	sdk := filepath.Join(proj.Dir, "sdks", "tenkstack-tenk") // where `pulumi package add` puts it
	require.NoError(t, Regenerate(schemaPath, "nodejs", sdk))
	var log bytes.Buffer
	updateLock := os.Getenv("TENK_UPDATE_LOCK") == "1"
	require.NoError(t, proj.Install(&log, updateLock), log.String())
	if updateLock {
		require.NoError(t, copyFile(filepath.Join(proj.Dir, "package-lock.json"), filepath.Join(src, "package-lock.json")))
	}
	if !proj.Installed { // a reused install: build the regenerated SDK as its postinstall would
		require.NoError(t, Run(&log, sdk, []string{"PATH=" + filepath.Join(sdk, "node_modules", ".bin") + ":" + os.Getenv("PATH")}, "node", "scripts/postinstall.js"),
			"building the generated Node.js SDK: %s", log.String())
	}

	log.Reset()
	err = Run(&log, proj.Dir, nil, proj.Bin("tsc"), "--noEmit", "--strict", "--pretty", "false", "-p", ".")
	source, readErr := os.ReadFile(filepath.Join(src, "index.ts"))
	require.NoError(t, readErr)
	if err != nil {
		problems := ExplainTsc(TypeScript("examples/typescript/index.ts", string(source)), "index.ts", log.String())
		require.NotEmpty(t, problems, "tsc failed without a diagnostic: %v\n%s", err, log.String())
		t.Fatalf("tsc --strict rejects examples/typescript against the SDK generated from provider/schema.json:\n%s", strings.Join(problems, "\n"))
	}
	t.Logf("tsc --strict: examples/typescript/index.ts compiles against the generated @tenkstack/tenk (install %s)", map[bool]string{true: "fresh", false: "reused"}[proj.Installed])
}

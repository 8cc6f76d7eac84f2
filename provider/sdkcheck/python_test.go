package sdkcheck

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

//go:embed pycheck.py
var pycheck []byte

const pythonExample = "examples/python/__main__.py"

// TestPythonExampleMatchesTheSDK generates the Python SDK and checks, without the Pulumi Python
// SDK (PyPI is not reachable here), that every generated file compiles and that the example
// names only components, inputs, object fields and outputs the SDK has (pycheck.py).
func TestPythonExampleMatchesTheSDK(t *testing.T) {
	requireTool(t, "python3", "Python 3.9+")
	sdk := t.TempDir()
	require.NoError(t, Generate(schemaPath, "python", sdk))
	script := filepath.Join(t.TempDir(), "pycheck.py")
	require.NoError(t, os.WriteFile(script, pycheck, 0o644))

	var out bytes.Buffer
	require.NoError(t, Run(&out, ".", nil, "python3", script, sdk, pythonPackage(t), filepath.Join(examples, "python", "__main__.py"), pythonExample), out.String())
	var report struct {
		Problems []string       `json:"problems"`
		Checked  map[string]int `json:"checked"`
	}
	require.NoError(t, json.Unmarshal(out.Bytes(), &report), out.String())
	if len(report.Problems) > 0 {
		t.Fatalf("%s does not match the Python SDK generated from provider/schema.json:\n%s", pythonExample, strings.Join(report.Problems, "\n"))
	}
	assert.Equal(t, 10, report.Checked["components"], "every component is generated")
	assert.GreaterOrEqual(t, report.Checked["calls"], 8, "the example builds the dev architecture")
	assert.Greater(t, report.Checked["keywords"], 30)
	assert.Greater(t, report.Checked["attributes"], 20)
	t.Logf("python: the SDK compiles; %s's %d calls, %d inputs, %d object fields and %d outputs match it", pythonExample,
		report.Checked["calls"], report.Checked["keywords"], report.Checked["keys"], report.Checked["attributes"])
}

// TestPythonExampleTypeChecks runs pyright on the example against the generated SDK and the
// Pulumi Python SDK that TENK_PULUMI_PYTHON_SDK points at (sdk/python/lib of a
// github.com/pulumi/pulumi checkout; PyPI is not reachable here, so it is skipped without one).
// pulumi_aws cannot be installed either: its values are untyped here, and only its missing
// import is forgiven.
func TestPythonExampleTypeChecks(t *testing.T) {
	lib := os.Getenv("TENK_PULUMI_PYTHON_SDK")
	if lib == "" {
		t.Skip("pyright: skipped: set TENK_PULUMI_PYTHON_SDK to sdk/python/lib of a github.com/pulumi/pulumi checkout to type-check examples/python")
	}
	_, err := os.Stat(filepath.Join(lib, "pulumi", "__init__.py"))
	require.NoError(t, err, "TENK_PULUMI_PYTHON_SDK=%s is not sdk/python/lib of the Pulumi repository", lib)
	requireTool(t, "npm", "Node.js 20+ with npm (pyright comes from npm)")

	tools, err := OpenNodeProject("tools", "tools", "package.json", "package-lock.json")
	require.NoError(t, err)
	defer tools.Close()
	var log bytes.Buffer
	updateLock := os.Getenv("TENK_UPDATE_LOCK") == "1"
	require.NoError(t, tools.Install(&log, updateLock), log.String())
	if updateLock {
		require.NoError(t, copyFile(filepath.Join(tools.Dir, "package-lock.json"), filepath.Join("tools", "package-lock.json")))
	}

	sdk, work := t.TempDir(), t.TempDir()
	require.NoError(t, Generate(schemaPath, "python", sdk))
	source, err := os.ReadFile(filepath.Join(examples, "python", "__main__.py"))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(work, "__main__.py"), source, 0o644))
	config, err := json.Marshal(map[string]any{
		"include": []string{"__main__.py"}, "extraPaths": []string{sdk, lib},
		"pythonVersion": "3.11", "typeCheckingMode": "standard",
	})
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(work, "pyrightconfig.json"), config, 0o644))

	var out bytes.Buffer
	_ = Run(&out, work, nil, tools.Bin("pyright"), "--outputjson", "-p", work) // exits 1 on any error: read the report
	var report struct {
		Diagnostics []struct {
			Severity, Message, Rule string
			Range                   struct{ Start struct{ Line int } }
		} `json:"generalDiagnostics"`
		Summary struct{ FilesAnalyzed int } `json:"summary"`
	}
	require.NoError(t, json.Unmarshal(out.Bytes(), &report), "pyright's report: %s", out.String())
	require.Equal(t, 1, report.Summary.FilesAnalyzed, "pyright checked the example")
	example := Python(pythonExample, string(source))
	var problems []string
	for _, d := range report.Diagnostics {
		if d.Severity != "error" {
			continue
		}
		if d.Rule == "reportMissingImports" && strings.Contains(d.Message, `"pulumi_aws"`) {
			t.Logf("pyright: pulumi_aws is not installed here: its values are untyped in this check")
			continue
		}
		problems = append(problems, fmt.Sprintf("%s: %s", example.At(d.Range.Start.Line+1), d.Message))
	}
	if len(problems) > 0 {
		t.Fatalf("pyright rejects %s against the SDK generated from provider/schema.json:\n%s", pythonExample, strings.Join(problems, "\n"))
	}
	t.Logf("pyright: %s type-checks against the generated %s and the Pulumi Python SDK at %s", pythonExample, pythonPackage(t), lib)
}

// pythonPackage is the Python SDK's package name, as schema.json names it.
func pythonPackage(t *testing.T) string {
	t.Helper()
	return languageSection(t)["python"]["packageName"].(string)
}

// languageSection is schema.json's language settings.
func languageSection(t *testing.T) map[string]map[string]any {
	t.Helper()
	raw, err := os.ReadFile(schemaPath)
	require.NoError(t, err)
	var spec struct {
		Language map[string]map[string]any `json:"language"`
	}
	require.NoError(t, json.Unmarshal(raw, &spec))
	return spec.Language
}

package sdkcheck

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
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
// Pulumi Python SDK (pythonSDK: the pinned one from Go's module cache, or TENK_PULUMI_PYTHON_SDK).
// pyright reports on the example only: its calls, keywords and values against tenkstack_tenk and
// the pulumi package's annotations (Input, Output, ResourceOptions, Config, export). Inside the
// Pulumi SDK, imports of packages PyPI would install (grpc and protobuf have stubs bundled with
// pyright; semver, dill, opentelemetry … do not) are never reported, and values typed by an
// unresolved one are Unknown, which the example never touches. pulumi_aws cannot be installed
// either: its values are untyped here, and only its missing import is forgiven. Under CI=true a
// check that cannot run fails.
func TestPythonExampleTypeChecks(t *testing.T) {
	lib, err := pythonSDK()
	if err != nil {
		unavailable(t, "pyright: no Pulumi Python SDK to check against: %v", err)
	}
	if _, err := os.Stat(filepath.Join(lib, "pulumi", "__init__.py")); err != nil {
		if os.Getenv("TENK_PULUMI_PYTHON_SDK") != "" {
			t.Fatalf("TENK_PULUMI_PYTHON_SDK=%s is not sdk/python/lib of the Pulumi repository: %v", lib, err)
		}
		unavailable(t, "pyright: %s holds no Pulumi Python SDK: %v", lib, err)
	}
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

// pulumiSDKModule is the Go module whose zip carries the Pulumi Python SDK (python/lib).
const pulumiSDKModule = "github.com/pulumi/pulumi/sdk/v3"

// pythonSDK is the Pulumi Python SDK pyright checks against: TENK_PULUMI_PYTHON_SDK when set,
// else python/lib of pulumiSDKModule at the version provider/go.mod pins, in Go's module cache
// once `go mod download` has run there (`go list -m` finds it; it is downloaded when missing).
// PyPI is not reachable here, and this is the same version the provider builds against.
func pythonSDK() (string, error) {
	if lib := os.Getenv("TENK_PULUMI_PYTHON_SDK"); lib != "" {
		return lib, nil
	}
	dir, err := goModuleDir("..", pulumiSDKModule)
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "python", "lib"), nil
}

// goModuleDir is where Go's module cache holds module at the version the go.mod in dir requires.
func goModuleDir(dir, module string) (string, error) {
	list := func() (string, error) {
		cmd := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", module)
		cmd.Dir = dir
		out, err := cmd.Output()
		if err != nil {
			var exit *exec.ExitError
			if errors.As(err, &exit) {
				return "", fmt.Errorf("go list -m %s in %s: %w: %s", module, dir, err, exit.Stderr)
			}
			return "", fmt.Errorf("go list -m %s in %s: %w", module, dir, err)
		}
		return strings.TrimSpace(string(out)), nil
	}
	path, err := list()
	if err == nil && path == "" { // required but not downloaded yet
		cmd := exec.Command("go", "mod", "download", module)
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			return "", fmt.Errorf("go mod download %s in %s: %w: %s", module, dir, err, out)
		}
		path, err = list()
	}
	if err == nil && path == "" {
		err = fmt.Errorf("go list -m %s in %s: not in the module cache", module, dir)
	}
	return path, err
}

// unavailable skips a check that cannot run here, or fails it under CI=true, where every check
// must run (.ci/run and the workflows).
func unavailable(t *testing.T, format string, args ...any) {
	t.Helper()
	if os.Getenv("CI") == "true" {
		t.Fatalf(format+" (CI=true: CI runs every SDK check)", args...)
	}
	t.Skipf(format, args...)
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

// Without TENK_PULUMI_PYTHON_SDK, pyright checks against the Pulumi Python SDK at the version
// provider/go.mod pins (it used to skip in every CI run for want of the variable).
func TestPythonSDKDefaultsToThePinnedGoModule(t *testing.T) {
	t.Setenv("TENK_PULUMI_PYTHON_SDK", "")
	lib, err := pythonSDK()
	require.NoError(t, err)
	pinned, err := os.ReadFile(filepath.Join("..", "go.mod"))
	require.NoError(t, err)
	version := regexp.MustCompile(regexp.QuoteMeta(pulumiSDKModule) + ` (v[0-9.]+)`).FindSubmatch(pinned)
	require.NotNil(t, version, "provider/go.mod requires %s", pulumiSDKModule)
	assert.Contains(t, filepath.ToSlash(lib), "@"+string(version[1])+"/python/lib")
	assert.FileExists(t, filepath.Join(lib, "pulumi", "__init__.py"))
}

package sdkcheck

import (
	"encoding/json"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/pkg/v3/codegen/cgstrings"
	gogen "github.com/pulumi/pulumi/pkg/v3/codegen/go"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestPackageNamesAgree: the names schema.json's language sections choose are the ones the
// generators give the SDKs, the ones `pulumi package add` tells the user to import, and the ones
// the examples and the README use.
func TestPackageNamesAgree(t *testing.T) {
	lang := languageSection(t)
	npm, _ := lang["nodejs"]["packageName"].(string)
	python, _ := lang["python"]["packageName"].(string)
	goBase, _ := lang["go"]["importBasePath"].(string)
	dotnetRoot, _ := lang["csharp"]["rootNamespace"].(string)
	for name, v := range map[string]string{"nodejs.packageName": npm, "python.packageName": python, "go.importBasePath": goBase, "csharp.rootNamespace": dotnetRoot} {
		require.NotEmpty(t, v, "schema.json names the package on purpose: language.%s", name)
	}
	pkg, err := Load(schemaPath)
	require.NoError(t, err)

	// What the generators make of them.
	dir := t.TempDir()
	for _, l := range Languages {
		require.NoError(t, Generate(schemaPath, l, filepath.Join(dir, l)))
	}
	var packageJSON struct{ Name string }
	readJSON(t, filepath.Join(dir, "nodejs", "package.json"), &packageJSON)
	assert.Equal(t, npm, packageJSON.Name, "the Node.js SDK's package name")
	pyproject, err := os.ReadFile(filepath.Join(dir, "python", "pyproject.toml"))
	require.NoError(t, err)
	assert.Contains(t, string(pyproject), fmt.Sprintf("name = %q", python), "the Python SDK's distribution name")
	assert.DirExists(t, filepath.Join(dir, "python", python), "the Python SDK's import package")
	gomod, err := os.ReadFile(filepath.Join(dir, "go", "go.mod"))
	require.NoError(t, err)
	assert.Contains(t, string(gomod), "module "+path.Dir(goBase)+"\n", "the Go SDK's module")
	assert.DirExists(t, filepath.Join(dir, "go", path.Base(goBase)), "the Go SDK's import path")

	// What `pulumi package add` does with them: the SDK goes to sdks/<namespace>-<name> (pulumi
	// v3.274.1 pkg/cmd/pulumi/packages/packages.go, InstallPackage), and the language hosts print
	// these imports (their Link methods: pulumi sdk/nodejs/cmd/pulumi-language-nodejs/main.go,
	// sdk/python/cmd/pulumi-language-python/main.go, sdk/go/pulumi-language-go/main.go).
	sdkDir := "sdks/" + pkg.Namespace + "-" + pkg.Name
	tsImport := fmt.Sprintf("import * as %s from %q;", cgstrings.Camel(pkg.Name), npm)
	pyImport := fmt.Sprintf("import %s as %s", python, strings.ReplaceAll(pkg.Name, "-", "_"))
	// Older language hosts print the path derived from the repository (ExtractImportBasePath),
	// newer ones the generated SDK's (ModuleAndImportPath): tenk's importBasePath is both.
	assert.Equal(t, goBase, gogen.ExtractImportBasePath(pkg.Reference()), "the Go import pulumi package add prints")
	require.NoError(t, pkg.ImportLanguages(map[string]schema.Language{"go": gogen.Importer}))
	module, goImport, err := gogen.ModuleAndImportPath(pkg)
	require.NoError(t, err)
	assert.Equal(t, goBase, goImport)
	assert.Equal(t, path.Dir(goBase), module, "the module pulumi package add replaces with "+"./"+"sdks")
	// The .NET SDK's package and namespace: rootNamespace + "." + the package name's upper-cased
	// first letter (pulumi-dotnet pulumi-language-dotnet/codegen/gen.go, GeneratePackage).
	dotnet := dotnetRoot + "." + strings.ToUpper(pkg.Name[:1]) + pkg.Name[1:]

	ts := readText(t, filepath.Join(examples, "typescript", "index.ts"))
	assert.Contains(t, ts, tsImport+"\n", "examples/typescript/index.ts imports the SDK as pulumi package add says")
	var exampleJSON struct{ Dependencies map[string]string }
	readJSON(t, filepath.Join(examples, "typescript", "package.json"), &exampleJSON)
	assert.Equal(t, "file:"+sdkDir, exampleJSON.Dependencies[npm], "examples/typescript/package.json links the SDK where pulumi package add puts it")
	py := readText(t, filepath.Join(examples, "python", "__main__.py"))
	assert.Contains(t, py, pyImport+"\n", "examples/python/__main__.py imports the SDK as pulumi package add says")

	readme := section(t, readText(t, "../../README.md"), "## Use tenk from TypeScript, Python or YAML")
	for _, want := range []string{tsImport, pyImport, sdkDir, "npm `" + npm + "`", "`" + python + "`", "NuGet `" + dotnet + "`",
		"module `" + path.Dir(goBase) + "`", `"` + goBase + `/web"`, "using " + dotnet + ";"} {
		assert.Contains(t, readme, want, "README, \"Use tenk from TypeScript, Python or YAML\"")
	}
	for _, stale := range []string{"@pulumi/tenk", "pulumi_tenk"} {
		assert.NotContains(t, readme+ts+py, stale, "a package name Pulumi's generators do not give tenk")
	}
}

func readText(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	require.NoError(t, err)
	return string(b)
}

func readJSON(t *testing.T, p string, v any) {
	t.Helper()
	require.NoError(t, json.Unmarshal([]byte(readText(t, p)), v), p)
}

// section is a Markdown section, from its heading to the next heading of the same level.
func section(t *testing.T, doc, heading string) string {
	t.Helper()
	start := strings.Index(doc, heading+"\n")
	require.GreaterOrEqual(t, start, 0, "no section %q", heading)
	rest := doc[start+len(heading):]
	if end := regexp.MustCompile(`(?m)^## `).FindStringIndex(rest); end != nil {
		rest = rest[:end[0]]
	}
	return rest
}

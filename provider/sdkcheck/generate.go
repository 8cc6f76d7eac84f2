package sdkcheck

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/blang/semver"
	gogen "github.com/pulumi/pulumi/pkg/v3/codegen/go"
	nodejsgen "github.com/pulumi/pulumi/pkg/v3/codegen/nodejs"
	pythongen "github.com/pulumi/pulumi/pkg/v3/codegen/python"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
)

// Languages are the SDKs Generate writes, each under <out>/<language> as `pulumi package add`
// does before copying one into the program's sdks/<namespace>-<name>.
var Languages = []string{"nodejs", "python", "go"}

// Load binds a schema file as `pulumi package add` does: validated, with SupportPack on (pulumi
// v3.274.1 pkg/cmd/pulumi/packages/packages.go, InstallPackage).
func Load(schemaPath string) (*schema.Package, error) {
	raw, err := os.ReadFile(schemaPath)
	if err != nil {
		return nil, err
	}
	var spec schema.PackageSpec
	if err := json.Unmarshal(raw, &spec); err != nil {
		return nil, fmt.Errorf("%s: %w", schemaPath, err)
	}
	pkg, diags, err := schema.BindSpec(spec, noDependencies{}, schema.ValidationOptions{})
	if err != nil {
		return nil, err
	}
	if diags.HasErrors() {
		return nil, fmt.Errorf("%s does not bind: %w", schemaPath, diags)
	}
	pkg.SupportPack = true
	return pkg, nil
}

// Generate writes the SDK for language with the generator its language host calls for `pulumi
// package add` (a local SDK: the Node.js one compiles itself on install).
func Generate(pkgPath, language, out string) error {
	pkg, err := Load(pkgPath) // each generator annotates the package: a fresh one per language
	if err != nil {
		return err
	}
	var files map[string][]byte
	switch language {
	case "nodejs":
		files, err = nodejsgen.GeneratePackage("pulumi-language-nodejs", pkg, nil, nil, true, noDependencies{})
	case "python":
		files, err = pythongen.GeneratePackage("pulumi-language-python", pkg, nil, noDependencies{})
	case "go":
		files, err = gogen.GeneratePackage("pulumi-language-go", pkg, nil)
	default:
		err = fmt.Errorf("no generator for %q", language)
	}
	if err != nil {
		return fmt.Errorf("generating the %s SDK: %w", language, err)
	}
	if err := os.RemoveAll(out); err != nil {
		return err
	}
	for name, data := range files {
		path := filepath.Join(out, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// noDependencies is the schema loader for a package that references no other package (tenk's
// inputs are IDs and ARNs, not other providers' types): any lookup is an error.
type noDependencies struct{}

var errNoDependencies = errors.New("tenk's schema references no other package")

func (noDependencies) LoadPackage(string, *semver.Version) (*schema.Package, error) {
	return nil, errNoDependencies
}

func (noDependencies) LoadPackageV2(context.Context, *schema.PackageDescriptor) (*schema.Package, error) {
	return nil, errNoDependencies
}

func (noDependencies) LoadPackageReference(string, *semver.Version) (schema.PackageReference, error) {
	return nil, errNoDependencies
}

func (noDependencies) LoadPackageReferenceV2(context.Context, *schema.PackageDescriptor) (schema.PackageReference, error) {
	return nil, errNoDependencies
}

// Regenerate writes the SDK into dir as Generate does, keeping dir's node_modules (the Node.js
// SDK's own TypeScript, installed by npm) so that a reused install stays valid.
func Regenerate(schemaPath, language, dir string) error {
	tmp, err := os.MkdirTemp("", "tenk-sdk-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	if err := Generate(schemaPath, language, tmp); err != nil {
		return err
	}
	entries, err := os.ReadDir(dir)
	if err != nil && !os.IsNotExist(err) {
		return err
	}
	for _, e := range entries {
		if e.Name() != "node_modules" {
			if err := os.RemoveAll(filepath.Join(dir, e.Name())); err != nil {
				return err
			}
		}
	}
	return os.CopyFS(dir, os.DirFS(tmp))
}

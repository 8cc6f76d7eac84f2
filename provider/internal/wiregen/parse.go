package wiregen

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// goPackage is what the generator reads from one component package's source.
type goPackage struct {
	name    string
	structs map[string]*ast.StructType
	enums   map[string][]enumValue // named string types and their constants, in source order
	consts  map[string]string      // untyped string constants (cdn.PriceClassAll), by name
	token   string                 // the package's Token constant
}

type enumValue struct{ ident, value string }

func parsePackage(root, pkg string) (*goPackage, error) {
	dir := filepath.Join(root, "components", pkg)
	fset := token.NewFileSet()
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", dir, err)
	}
	gp := &goPackage{name: pkg, structs: map[string]*ast.StructType{}, enums: map[string][]enumValue{}, consts: map[string]string{}}
	parsed := map[string]*ast.File{}
	var files []string // sorted by os.ReadDir
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, filepath.Join(dir, name), nil, parser.ParseComments)
		if err != nil {
			return nil, fmt.Errorf("parsing %s: %w", dir, err)
		}
		if f.Name.Name != pkg {
			continue
		}
		parsed[name] = f
		files = append(files, name)
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("%s: no package %s", dir, pkg)
	}
	for _, name := range files {
		for _, decl := range parsed[name].Decls {
			gen, ok := decl.(*ast.GenDecl)
			if !ok {
				continue
			}
			for _, spec := range gen.Specs {
				switch s := spec.(type) {
				case *ast.TypeSpec:
					switch t := s.Type.(type) {
					case *ast.StructType:
						gp.structs[s.Name.Name] = t
					case *ast.Ident:
						if t.Name == "string" {
							if _, seen := gp.enums[s.Name.Name]; !seen {
								gp.enums[s.Name.Name] = nil
							}
						}
					}
				case *ast.ValueSpec:
					gp.collectConst(gen.Tok, s)
				}
			}
		}
	}
	if gp.token == "" {
		return nil, fmt.Errorf("%s: no Token constant", dir)
	}
	return gp, nil
}

func (gp *goPackage) collectConst(tok token.Token, s *ast.ValueSpec) {
	if tok != token.CONST || len(s.Values) != len(s.Names) {
		return
	}
	for i, n := range s.Names {
		lit, ok := s.Values[i].(*ast.BasicLit)
		if !ok || lit.Kind != token.STRING {
			continue
		}
		v, err := strconv.Unquote(lit.Value)
		if err != nil {
			continue
		}
		if n.Name == "Token" {
			gp.token = v
			continue
		}
		if id, ok := s.Type.(*ast.Ident); ok {
			gp.enums[id.Name] = append(gp.enums[id.Name], enumValue{n.Name, v})
		} else if s.Type == nil && n.IsExported() {
			gp.consts[n.Name] = v
		}
	}
}

// docText is a field's doc comment as one paragraph.
func docText(f *ast.Field) string {
	if f.Doc == nil {
		return ""
	}
	return strings.Join(strings.Fields(f.Doc.Text()), " ")
}

package wiregen

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// goPackage is what the generator reads from one component package's source.
type goPackage struct {
	name    string
	structs map[string]*ast.StructType
	enums   map[string][]enumValue // named string types and their constants, in source order
	token   string                 // the package's Token constant
}

type enumValue struct{ ident, value string }

func parsePackage(root, pkg string) (*goPackage, error) {
	dir := filepath.Join(root, "components", pkg)
	fset := token.NewFileSet()
	pkgs, err := parser.ParseDir(fset, dir, func(fi fs.FileInfo) bool {
		return !strings.HasSuffix(fi.Name(), "_test.go")
	}, parser.ParseComments)
	if err != nil {
		return nil, fmt.Errorf("parsing %s: %w", dir, err)
	}
	p, ok := pkgs[pkg]
	if !ok {
		return nil, fmt.Errorf("%s: no package %s", dir, pkg)
	}
	gp := &goPackage{name: pkg, structs: map[string]*ast.StructType{}, enums: map[string][]enumValue{}}
	files := make([]string, 0, len(p.Files))
	for name := range p.Files {
		files = append(files, name)
	}
	sort.Strings(files)
	for _, name := range files {
		for _, decl := range p.Files[name].Decls {
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

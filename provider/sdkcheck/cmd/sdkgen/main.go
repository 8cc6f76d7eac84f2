// Command sdkgen writes tenk's SDKs as `pulumi package add` generates them, for a look at what a
// user gets: go run ./cmd/sdkgen ../schema.json OUT (from provider/sdkcheck).
package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/tenkstack/tenk/provider/sdkcheck"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: sdkgen SCHEMA OUT")
		os.Exit(2)
	}
	for _, lang := range sdkcheck.Languages {
		if err := sdkcheck.Generate(os.Args[1], lang, filepath.Join(os.Args[2], lang)); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
	}
}

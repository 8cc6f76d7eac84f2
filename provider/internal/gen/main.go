// Command gen writes provider/components_gen.go, the wire form of every tenk component, from the
// Go library's own Args and component types (see package wiregen). Run from provider/:
//
//	go run ./internal/gen > components_gen.go
package main

import (
	"fmt"
	"os"

	"github.com/tenkstack/tenk/provider/internal/wiregen"
)

func main() {
	src, err := wiregen.Generate("..")
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
	if _, err := os.Stdout.Write(src); err != nil {
		os.Exit(1)
	}
}

// Command tenkctl is tenk's offline tool: `tenkctl plan -s prod` previews a stack under Pulumi mocks
// with its monthly cost, diagram and diff. See "tenkctl plan" in the repository README.
package main

import (
	"os"

	"github.com/tenkstack/tenk/internal/plan"
)

func main() {
	os.Exit(plan.Main(os.Args[1:], os.Stdout, os.Stderr))
}

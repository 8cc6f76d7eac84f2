package plan

import (
	"errors"
	"flag"
	"fmt"
	"io"
)

// Usage is the command's help.
const Usage = `usage: tenkctl plan -s STACK [--format text|markdown|json] [--diff OLD.json] [--root DIR]

Runs the tenk program for a stack offline, under Pulumi mocks with the stack's real config, and
prints its component tree, estimated monthly cost and architecture diagram. --diff compares with
an older plan written with --format json.
`

// Main runs the tenk command with args (without the program name) and returns the exit code.
func Main(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprint(stderr, Usage)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	if args[0] != "plan" {
		fmt.Fprintf(stderr, "tenk: unknown command %q\n%s", args[0], Usage)
		return 2
	}
	fs := flag.NewFlagSet("tenkctl plan", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, Usage) }
	stack := fs.String("s", "", "the stack to plan: dev, prod, … (Pulumi.<stack>.yaml)")
	fs.StringVar(stack, "stack", "", "same as -s")
	format := fs.String("format", "text", "output format: text, markdown or json")
	diff := fs.String("diff", "", "an older plan's JSON to compare with")
	root := fs.String("root", ".", "the directory with Pulumi.yaml")
	if err := fs.Parse(args[1:]); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "tenkctl plan: unexpected arguments %q\n%s", fs.Args(), Usage)
		return 2
	}
	render, ok := map[string]func(io.Writer, *Plan, *Diff) error{
		"text": RenderText, "markdown": RenderMarkdown, "json": RenderJSON,
	}[*format]
	if !ok {
		fmt.Fprintf(stderr, "tenkctl plan: --format is %q: use text, markdown or json\n", *format)
		return 2
	}
	var old *Plan
	if *diff != "" {
		var err error
		if old, err = LoadPlan(*diff); err != nil {
			fmt.Fprintf(stderr, "tenkctl plan: --diff: %v\n", err)
			return 1
		}
	}
	p, err := FromStack(Options{Root: *root, Stack: *stack})
	if err != nil {
		fmt.Fprintf(stderr, "tenkctl plan: %v\n", err)
		return 1
	}
	var d *Diff
	if old != nil {
		d = Compare(old, p)
	}
	if err := render(stdout, p, d); err != nil {
		fmt.Fprintf(stderr, "tenkctl plan: %v\n", err)
		return 1
	}
	return 0
}

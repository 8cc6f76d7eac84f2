package fielderr

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Error is one problem with one field of a component's Args.
type Error struct {
	// Path is the field as Go spells it from the Args root: "AppPort", "HealthCheck.Path",
	// "SubnetIDs[2]", `Tags["team"]`. Empty: the Args as a whole.
	Path string
	// format and args make the message that follows the path ("is 0: use 1–10"); args of type
	// Ref are other fields, rendered by name in Render.
	format string
	args   []any
	// message is the text after the path with each Ref under its Go path.
	message string
}

// Ref is another field's path inside a message ("must be shorter than %s", Ref("HealthCheck.IntervalSeconds")),
// so that a caller renders it under its own name for the field.
type Ref string

// New returns the problem at path; format and args make the message after the path.
// Calling fmt.Sprintf here also has go vet check every caller's format against its arguments.
func New(path, format string, args ...any) *Error {
	return &Error{Path: path, format: format, args: args, message: fmt.Sprintf(format, args...)}
}

// Field is the problem's path: how code that cannot import this package (the stacks, an
// embedder) reads it through errors.As with an interface { Field() string }.
func (e *Error) Field() string { return e.Path }

// Message is the text after the path, with referenced fields under their Go paths.
func (e *Error) Message() string { return e.message }

// Error is "<path> <message>", or the message alone for the Args as a whole.
func (e *Error) Error() string { return e.Render(identity) }

// Render is Error with every field path (the problem's own and each Ref) passed through name:
// how a caller shows fields under names of its own, such as config keys.
func (e *Error) Render(name func(path string) string) string {
	if e.Path == "" {
		return e.render(name)
	}
	return name(e.Path) + " " + e.render(name)
}

func (e *Error) render(name func(string) string) string {
	args := slices.Clone(e.args)
	for i, a := range args {
		if r, ok := a.(Ref); ok {
			args[i] = name(string(r))
		}
	}
	return fmt.Sprintf(e.format, args...)
}

func identity(path string) string { return path }

// List is every problem of one Args value. The zero value is empty and ready to use.
type List []*Error

// Addf records the problem at path.
func (l *List) Addf(path, format string, args ...any) { *l = append(*l, New(path, format, args...)) }

// Append records err: the problems of a List or an Error as they are, those of errors.Join one
// by one, and any other error as a problem of the Args as a whole. nil is ignored.
func (l *List) Append(err error) {
	switch e := err.(type) {
	case nil:
	case List:
		*l = append(*l, e...)
	case *Error:
		*l = append(*l, e)
	case interface{ Unwrap() []error }:
		for _, inner := range e.Unwrap() {
			l.Append(inner)
		}
	default:
		*l = append(*l, New("", "%s", err.Error()))
	}
}

// Err returns the list sorted by path (problems of one field in the order found), or nil when
// it is empty: what a Validate method returns.
func (l List) Err() error {
	if len(l) == 0 {
		return nil
	}
	out := slices.Clone(l)
	slices.SortStableFunc(out, func(a, b *Error) int { return strings.Compare(a.Path, b.Path) })
	return out
}

// Error lists every problem, one per line, in the list's order.
func (l List) Error() string {
	lines := make([]string, len(l))
	for i, e := range l {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// Unwrap returns the problems one by one, so errors.As and errors.Is look into the list.
func (l List) Unwrap() []error {
	out := make([]error, len(l))
	for i, e := range l {
		out[i] = e
	}
	return out
}

// Field is the path of a field inside the struct at path: Field("HealthCheck", "Path") is
// "HealthCheck.Path"; Field("", "AppPort") is "AppPort".
func Field(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

// Index is the path of a list entry: Index("SubnetIDs", 2) is "SubnetIDs[2]".
func Index(path string, i int) string { return path + "[" + strconv.Itoa(i) + "]" }

// Key is the path of a map entry: Key("Tags", "team") is `Tags["team"]`.
func Key(path, key string) string { return path + "[" + strconv.Quote(key) + "]" }

// Base strips the list or map selector from a path: `Tags["x"]` and "Tags[2]" give "Tags", and
// the selector ("[2]") as the second result.
func Base(path string) (base, selector string) {
	if i := strings.IndexByte(path, '['); i >= 0 {
		return path[:i], path[i:]
	}
	return path, ""
}

// Paths lists the path of every problem in err (a List or an Error, possibly wrapped), in
// order: what a test asserts on.
func Paths(err error) []string {
	var l List
	var e *Error
	switch {
	case errors.As(err, &l):
	case errors.As(err, &e):
		l = List{e}
	}
	out := make([]string, len(l))
	for i, e := range l {
		out[i] = e.Path
	}
	return out
}

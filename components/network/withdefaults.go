package network

// WithDefaults returns a copy of the args with every unset field at its documented default: the
// values the component builds from. The tenk stacks compare it with the values a stack file sets,
// so a value the component would read as unset (a 0 it replaces) is reported, never swapped.
func (a NetworkArgs) WithDefaults() NetworkArgs { return a.withDefaults() }

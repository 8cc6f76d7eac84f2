package plan

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// money formats an amount as "$1,234.56".
func money(x float64) string {
	s := strconv.FormatFloat(round2(x), 'f', 2, 64)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	whole, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	out := "$" + b.String() + "." + frac
	if neg {
		return "-" + out
	}
	return out
}

// signed formats a change as "+$12.00" or "-$12.00".
func signed(x float64) string {
	if round2(x) < 0 {
		return money(x)
	}
	return "+" + money(x)
}

// unitPrice formats "$0.0816/hour".
func unitPrice(l Line) string {
	p := num(l.UnitPrice)
	if _, frac, _ := strings.Cut(p, "."); len(frac) < 2 {
		p = strconv.FormatFloat(l.UnitPrice, 'f', 2, 64)
	}
	return "$" + p + "/" + l.Unit
}

// countsLine lists a component's children by short type, most numerous first.
func countsLine(counts map[string]int) string {
	types := make([]string, 0, len(counts))
	for t := range counts {
		types = append(types, t)
	}
	sort.Slice(types, func(i, j int) bool {
		if counts[types[i]] != counts[types[j]] {
			return counts[types[i]] > counts[types[j]]
		}
		return types[i] < types[j]
	})
	parts := make([]string, len(types))
	for i, t := range types {
		parts[i] = fmt.Sprintf("%d %s", counts[t], shortType(t))
	}
	return strings.Join(parts, ", ")
}

// treeNode is a component and its depth in the tree.
type treeNode struct {
	C     *Component
	Depth int
}

// componentTree returns components depth-first, each with its depth.
func componentTree(p *Plan) []treeNode {
	children := map[string][]*Component{}
	for i := range p.Components {
		c := &p.Components[i]
		children[c.Parent] = append(children[c.Parent], c)
	}
	var out []treeNode
	var walk func(parent string, depth int)
	walk = func(parent string, depth int) {
		for _, c := range children[parent] {
			out = append(out, treeNode{c, depth})
			walk(c.URN, depth+1)
		}
	}
	walk("", 0)
	return out
}

// rootResources are the resources outside every component.
func rootResources(p *Plan) []*Resource {
	var out []*Resource
	for i := range p.Resources {
		if p.Resources[i].Component == "" {
			out = append(out, &p.Resources[i])
		}
	}
	return out
}

// truncate shortens long values (user data, policies) for display.
func truncate(s string, n int) string {
	s = strings.ReplaceAll(s, "\n", "⏎")
	if len([]rune(s)) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}

// plural formats "1 resource", "2 resources".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

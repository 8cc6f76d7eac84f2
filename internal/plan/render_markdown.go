package plan

import (
	"fmt"
	"io"
	"strings"
)

// RenderMarkdown writes the plan for a pull-request comment: a headline with the monthly total
// (and its change when d is not nil), the flags and changes, the component tree, the cost table
// and the Mermaid diagram, with long sections folded.
func RenderMarkdown(w io.Writer, p *Plan, d *Diff) error {
	var b strings.Builder
	c := p.Cost
	fmt.Fprintf(&b, "### tenkctl plan: `%s` (%s): %s/month", p.Stack, p.Region, money(c.Total))
	if d != nil {
		fmt.Fprintf(&b, " (%s)", signed(d.Cost.Delta))
	}
	b.WriteString("\n\n")
	fmt.Fprintf(&b, "%s in %s, estimated at %s on-demand prices of %s.\n", plural(len(p.Resources), "resource"), plural(len(p.Components), "component"), p.Region, c.PriceDate)
	if d != nil {
		diffMarkdown(&b, d)
	}
	releaseMarkdown(&b, p.Release)

	b.WriteString("\n#### Components\n\n")
	res := p.resourceByURN()
	for _, n := range componentTree(p) {
		indent := strings.Repeat("  ", n.Depth)
		fmt.Fprintf(&b, "%s- **%s** `%s`: %s (%s)\n", indent, shortType(n.C.Type), n.C.Name, plural(n.C.Total, "resource"), countsLine(n.C.Counts))
		for _, urn := range n.C.Key {
			r := res[urn]
			fmt.Fprintf(&b, "%s  - %s `%s`: %s\n", indent, shortType(r.Type), r.Name, mdCode(settingsLine(r.Settings)))
		}
	}
	if roots := rootResources(p); len(roots) > 0 {
		fmt.Fprintf(&b, "- stack root: %s\n", plural(len(roots), "resource"))
	}

	if len(p.Subnets) > 0 {
		b.WriteString("\n#### Subnets\n\n| VPC | Tier | AZ | CIDR | Usable addresses |\n|---|---|---|---|---:|\n")
		for _, s := range p.Subnets {
			fmt.Fprintf(&b, "| `%s` | %s | %s | `%s` | %d |\n", s.Vpc, s.Tier, s.AvailabilityZone, s.CidrBlock, s.UsableAddresses)
		}
		b.WriteString("\nUsable: the block's addresses less the 5 AWS reserves in every subnet.\n")
	}

	fmt.Fprintf(&b, "\n#### Estimated monthly cost: %s\n\n", money(c.Total))
	b.WriteString("| Component | Resource | Item | Quantity | Unit price | Monthly |\n|---|---|---|---:|---:|---:|\n")
	for _, l := range c.Lines {
		fmt.Fprintf(&b, "| %s | `%s` | %s | %s | %s | %s |\n", mdCell(l.Component), l.Resource, mdCell(l.Item), num(l.Quantity), unitPrice(l), money(l.Monthly))
	}
	fmt.Fprintf(&b, "| **Total** | | | | | **%s** |\n\n", money(c.Total))
	if len(c.UsageBased) > 0 {
		parts := make([]string, len(c.UsageBased))
		for i, u := range c.UsageBased {
			parts[i] = fmt.Sprintf("%s `%s` (%s)", shortType(u.Type), u.Resource, u.Reason)
		}
		fmt.Fprintf(&b, "Usage-based, not estimated: %s.\n\n", strings.Join(parts, "; "))
	}
	b.WriteString("<details><summary>What the estimate assumes and leaves out</summary>\n\n")
	for _, a := range c.Assumptions {
		fmt.Fprintf(&b, "- %s\n", a)
	}
	b.WriteString("\nLeft out:\n\n")
	for _, l := range c.LeftOut {
		fmt.Fprintf(&b, "- %s\n", l)
	}
	fmt.Fprintf(&b, "\nPrices: `%s`, %s. %s\n\n</details>\n", c.PriceFile, c.PriceDate, c.PriceSource)

	b.WriteString("\n#### Architecture\n\n```mermaid\n")
	b.WriteString(p.Diagram)
	b.WriteString("```\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// diffMarkdown writes the flags up front and the changes folded.
func diffMarkdown(b *strings.Builder, d *Diff) {
	fmt.Fprintf(b, "\n#### Changes against the base branch\n\n")
	fmt.Fprintf(b, "%d added, %d removed, %d changed. Monthly cost %s → %s (**%s**).\n\n",
		len(d.Added), len(d.Removed), len(d.Changed), money(d.Cost.Old), money(d.Cost.New), signed(d.Cost.Delta))
	if d.Release != nil {
		summary := d.Release.Summary()
		if d.Release.StartsRollout {
			summary = "**New release**: " + summary
		}
		fmt.Fprintf(b, "Release: %s.\n\n", mdCell(summary))
	}
	for _, f := range d.Flags {
		fmt.Fprintf(b, "> [!WARNING]\n> **%s** %s\n\n", strings.ToUpper(f.Action), mdCell(f.Message))
	}
	if len(d.Added)+len(d.Removed)+len(d.Changed) > 0 {
		b.WriteString("<details><summary>Resources</summary>\n\n| | Type | Name | Changed inputs |\n|---|---|---|---|\n")
		for _, c := range d.Added {
			fmt.Fprintf(b, "| + | `%s` | `%s` | |\n", c.Type, c.Name)
		}
		for _, c := range d.Removed {
			fmt.Fprintf(b, "| − | `%s` | `%s` | |\n", c.Type, c.Name)
		}
		for _, c := range d.Changed {
			parts := make([]string, len(c.Inputs))
			for i, in := range c.Inputs {
				parts[i] = fmt.Sprintf("`%s`: %s → %s", in.Path, mdCode(shown(in.Old)), mdCode(shown(in.New)))
			}
			fmt.Fprintf(b, "| ~ | `%s` | `%s` | %s |\n", c.Type, c.Name, strings.Join(parts, "<br>"))
		}
		b.WriteString("\n</details>\n")
	}
	if len(d.Cost.Resources) > 0 {
		b.WriteString("\n| Cost change | Old | New | Change |\n|---|---:|---:|---:|\n")
		for _, r := range d.Cost.Resources {
			fmt.Fprintf(b, "| %s `%s` | %s | %s | %s |\n", shortType(r.Type), r.Resource, money(r.Old), money(r.New), signed(r.Delta))
		}
	}
}

// mdCell escapes a table cell.
func mdCell(s string) string { return strings.ReplaceAll(s, "|", `\|`) }

// mdCode wraps s in a code span, escaping table pipes; empty stays empty.
func mdCode(s string) string {
	if s == "" {
		return ""
	}
	return "`" + strings.ReplaceAll(strings.ReplaceAll(s, "`", "'"), "|", `\|`) + "`"
}

package stacks

import (
	"fmt"
	"strings"
)

// topKey is one top-level tenk key's row: its key, type, default ("required" for none) and what
// it does. The key itself is the `key` tag of its Config field; the README's "Top-level keys"
// table and Pulumi.yaml's descriptions are rendered from these rows, and a test requires one row
// per tagged field.
type topKey struct{ key, typ, def, doc string }

// topKeys are the top-level keys' rows, in Config's order.
var topKeys = []topKey{
	{"environment", "string", "required", "`dev` or `prod`: the baseline every other key overrides. dev is the cheapest stack that still runs every component; prod is 3 AZs, NAT per AZ, Multi-AZ data tiers and deletion protection. Anything else is an error."},
	{"domain", "string", `""`, "The site's DNS name (`www.example.com`). Empty: CloudFront's own domain and certificate serve HTTPS. When set, `tenk:hostedZoneId` is required and ACM certificates and DNS records are added."},
	{"hostedZoneId", "string", `""`, "The Route 53 hosted zone ID that serves `tenk:domain`; required with it."},
	{"alarmEmails", "array of string", "[]", "E-mail addresses subscribed to the alarm SNS topic; each confirms by e-mail."},
	{"protect", "boolean", "false", "Pulumi `protect` on every stateful resource (databases and replicas, caches, the session table, buckets, secrets: the list in `internal/stateful`), so `pulumi destroy` refuses to delete them; `Pulumi.prod.yaml` sets `true`."},
}

// topDescription is a top-level key's description in Pulumi.yaml.
func topDescription(k topKey) string {
	if k.def == "required" {
		return "Required. " + plain(k.doc)
	}
	return plain(k.doc) + " Default " + k.def + "."
}

// topReadmeTable is the README's "Top-level keys" table.
func topReadmeTable() string {
	var b strings.Builder
	b.WriteString("| Key | Type | Default | Meaning |\n|---|---|---|---|\n")
	for _, k := range topKeys {
		def := k.def
		if def != "required" {
			def = "`" + def + "`"
		}
		fmt.Fprintf(&b, "| `%s:%s` | %s | %s | %s |\n", Namespace, k.key, k.typ, def, k.doc)
	}
	return b.String()
}

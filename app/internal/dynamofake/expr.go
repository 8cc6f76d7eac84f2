package dynamofake

import (
	"fmt"
	"math/big"
	"strings"
	"unicode"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// lexer splits an expression into names, placeholders, numbers-free operators and words.
func lex(s string) ([]string, error) {
	var toks []string
	for i := 0; i < len(s); {
		c := rune(s[i])
		switch {
		case unicode.IsSpace(c):
			i++
		case strings.ContainsRune("(),+-=", c):
			toks = append(toks, string(c))
			i++
		case c == '<' || c == '>':
			if i+1 < len(s) && (s[i+1] == '=' || (c == '<' && s[i+1] == '>')) {
				toks = append(toks, s[i:i+2])
				i += 2
			} else {
				toks = append(toks, string(c))
				i++
			}
		case c == '#' || c == ':' || c == '_' || unicode.IsLetter(c):
			j := i + 1
			for j < len(s) && (s[j] == '_' || unicode.IsLetter(rune(s[j])) || unicode.IsDigit(rune(s[j]))) {
				j++
			}
			toks = append(toks, s[i:j])
			i = j
		default:
			return nil, fmt.Errorf("unexpected character %q in %q", c, s)
		}
	}
	return toks, nil
}

// env resolves #names and :values.
type env struct {
	names  map[string]string
	values map[string]types.AttributeValue
}

func (e env) name(tok string) (string, error) {
	if strings.HasPrefix(tok, "#") {
		n, ok := e.names[tok]
		if !ok {
			return "", validation("An expression attribute name used in the document path is not defined; attribute name: %s", tok)
		}
		return n, nil
	}
	if tok == "" || !(unicode.IsLetter(rune(tok[0])) || tok[0] == '_') {
		return "", validation("Invalid attribute name %q", tok)
	}
	return tok, nil
}

func (e env) value(tok string) (types.AttributeValue, error) {
	v, ok := e.values[tok]
	if !ok {
		return nil, validation("An expression attribute value used in expression is not defined; attribute value: %s", tok)
	}
	return v, nil
}

// parser is a recursive-descent parser over tokens.
type parser struct {
	toks []string
	pos  int
	env  env
	item map[string]types.AttributeValue // nil: the item does not exist
}

func (p *parser) peek() string {
	if p.pos < len(p.toks) {
		return p.toks[p.pos]
	}
	return ""
}

func (p *parser) next() string { t := p.peek(); p.pos++; return t }

func (p *parser) expect(tok string) error {
	if got := p.next(); got != tok {
		return validation("Invalid expression: expected %q, found %q", tok, got)
	}
	return nil
}

// condition := and ("OR" and)*
func (p *parser) condition() (bool, error) {
	v, err := p.and()
	for err == nil && strings.EqualFold(p.peek(), "OR") {
		p.next()
		var r bool
		r, err = p.and()
		v = v || r
	}
	return v, err
}

// and := term ("AND" term)*
func (p *parser) and() (bool, error) {
	v, err := p.term()
	for err == nil && strings.EqualFold(p.peek(), "AND") {
		p.next()
		var r bool
		r, err = p.term()
		v = v && r
	}
	return v, err
}

// term := "(" condition ")" | function "(" path ")" | operand comparator operand
func (p *parser) term() (bool, error) {
	switch tok := p.peek(); tok {
	case "(":
		p.next()
		v, err := p.condition()
		if err != nil {
			return false, err
		}
		return v, p.expect(")")
	case "attribute_exists", "attribute_not_exists":
		p.next()
		if err := p.expect("("); err != nil {
			return false, err
		}
		name, err := p.env.name(p.next())
		if err != nil {
			return false, err
		}
		_, has := p.item[name]
		return has == (tok == "attribute_exists"), p.expect(")")
	}
	left, err := p.operand(false)
	if err != nil {
		return false, err
	}
	op := p.next()
	right, err := p.operand(false)
	if err != nil {
		return false, err
	}
	return compare(left, op, right)
}

// operand := name | value | "if_not_exists" "(" name "," operand ")". In a condition a missing
// attribute makes the comparison false; in an update (strict) it is a ValidationException.
func (p *parser) operand(strict bool) (types.AttributeValue, error) {
	tok := p.next()
	switch {
	case strings.HasPrefix(tok, ":"):
		return p.env.value(tok)
	case tok == "if_not_exists":
		if err := p.expect("("); err != nil {
			return nil, err
		}
		name, err := p.env.name(p.next())
		if err != nil {
			return nil, err
		}
		if err := p.expect(","); err != nil {
			return nil, err
		}
		fallback, err := p.operand(strict)
		if err != nil {
			return nil, err
		}
		if v, ok := p.item[name]; ok {
			fallback = v
		}
		return fallback, p.expect(")")
	}
	name, err := p.env.name(tok)
	if err != nil {
		return nil, err
	}
	v, ok := p.item[name]
	if !ok && strict {
		return nil, validation("The provided expression refers to an attribute that does not exist in the item")
	}
	return v, nil
}

func compare(a types.AttributeValue, op string, b types.AttributeValue) (bool, error) {
	if a == nil || b == nil {
		return false, nil // DynamoDB: a comparison with a missing attribute is false
	}
	var c int
	switch x := a.(type) {
	case *types.AttributeValueMemberN:
		y, ok := b.(*types.AttributeValueMemberN)
		if !ok {
			return op == "<>", nil
		}
		c = number(x.Value).Cmp(number(y.Value))
	case *types.AttributeValueMemberS:
		y, ok := b.(*types.AttributeValueMemberS)
		if !ok {
			return op == "<>", nil
		}
		c = strings.Compare(x.Value, y.Value)
	default:
		return false, validation("Invalid ConditionExpression: comparison of %T is not supported by dynamofake", a)
	}
	switch op {
	case "=":
		return c == 0, nil
	case "<>":
		return c != 0, nil
	case "<":
		return c < 0, nil
	case "<=":
		return c <= 0, nil
	case ">":
		return c > 0, nil
	case ">=":
		return c >= 0, nil
	}
	return false, validation("Invalid ConditionExpression: unknown comparator %q", op)
}

func number(s string) *big.Rat {
	r, ok := new(big.Rat).SetString(s)
	if !ok {
		return new(big.Rat)
	}
	return r
}

// update applies "SET a = operand [(+|-) operand], ..." to item (modified in place).
func (p *parser) update() error {
	if !strings.EqualFold(p.next(), "SET") {
		return validation("Invalid UpdateExpression: only SET is supported by dynamofake")
	}
	type assignment struct {
		name  string
		value types.AttributeValue
	}
	var sets []assignment
	for {
		name, err := p.env.name(p.next())
		if err != nil {
			return err
		}
		if err := p.expect("="); err != nil {
			return err
		}
		v, err := p.operand(true)
		if err != nil {
			return err
		}
		if op := p.peek(); op == "+" || op == "-" {
			p.next()
			r, err := p.operand(true)
			if err != nil {
				return err
			}
			if v, err = arithmetic(v, op, r); err != nil {
				return err
			}
		}
		// Every operand reads the item as it was before the update, as in DynamoDB.
		sets = append(sets, assignment{name, v})
		if p.peek() != "," {
			break
		}
		p.next()
	}
	if p.pos != len(p.toks) {
		return validation("Invalid UpdateExpression: unexpected %q", p.peek())
	}
	for _, s := range sets {
		p.item[s.name] = s.value
	}
	return nil
}

func arithmetic(a types.AttributeValue, op string, b types.AttributeValue) (types.AttributeValue, error) {
	x, ok1 := a.(*types.AttributeValueMemberN)
	y, ok2 := b.(*types.AttributeValueMemberN)
	if !ok1 || !ok2 {
		return nil, validation("An operand in the update expression has an incorrect data type")
	}
	r := number(x.Value)
	if op == "+" {
		r.Add(r, number(y.Value))
	} else {
		r.Sub(r, number(y.Value))
	}
	return &types.AttributeValueMemberN{Value: r.RatString()}, nil
}

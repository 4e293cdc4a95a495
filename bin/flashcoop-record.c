/* flashcoop-record: sales, charges, counts, hours and voids, one at a time
 * or as a batch. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "flashcoop/cli.h"
#include "flashcoop/date.h"
#include "flashcoop/i18n.h"
#include "flashcoop/row.h"
#include "flashcoop/project.h"
#include "flashcoop/record.h"
#include "flashcoop/table.h"
#include "flashcoop/text.h"

static const char usage[] = N_(
	"usage: flashcoop-record [-C DIR] sale --product P --qty N [--price X] [--vat R]\n"
	"                        [--payment M] [--by ID] [--lot ID] [--date D] [--ref R]\n"
	"                        [--note T]\n"
	"       flashcoop-record [-C DIR] charge --amount X --category C [--vat R]\n"
	"                        [--vat-amount X] [--payment M] [--date D] [--ref R]\n"
	"                        [--note T]\n"
	"       flashcoop-record [-C DIR] hours --participant ID --hours H [--date D]\n"
	"                        [--role R] [--ref R] [--note T]\n"
	"       flashcoop-record [-C DIR] count --amount X [--date D] [--note WHO]\n"
	"       flashcoop-record [-C DIR] deposit --amount X [--payment cash|cheque|card]\n"
	"                        [--date D] [--ref R] [--note T]\n"
	"       flashcoop-record [-C DIR] lot --product P --qty N [--date D]\n"
	"                        [--uses ID[,ID...]] [--note T]\n"
	"       flashcoop-record [-C DIR] loss --product P --qty N --reason R\n"
	"                        [--lot ID] [--date D] [--note T]\n"
	"       flashcoop-record [-C DIR] void ID --reason T\n"
	"       flashcoop-record [-C DIR] --batch [FILE|-]\n"
	"       flashcoop-record -h | --help | --version\n");

/* The options of the subcommands, as the columns they fill. */
enum { O_DATE, O_PRODUCT, O_QTY, O_PRICE, O_AMOUNT, O_VAT, O_VAT_AMOUNT,
       O_CATEGORY, O_PAYMENT, O_PARTICIPANT, O_HOURS, O_REF, O_NOTE, O_ROLE,
       O_LOT, O_USES, O_REASON, O_N };
static const char *const columns[O_N] = {
	"date", "product", "quantity", "unit_price", "amount", "vat_rate",
	"vat_amount", "category", "payment", "participant", "hours", "ref", "note",
	"role", "lot", "uses", "reason"
};

struct sub {
	const char *name;
	unsigned allowed;   /* bits of O_* */
	unsigned required;
};
#define B(x) (1u << (x))
static const struct sub subs[] = {
	{ "sale", B(O_DATE) | B(O_PRODUCT) | B(O_QTY) | B(O_PRICE) | B(O_VAT) |
	  B(O_PAYMENT) | B(O_PARTICIPANT) | B(O_REF) | B(O_NOTE) | B(O_LOT),
	  B(O_PRODUCT) | B(O_QTY) },
	{ "charge", B(O_DATE) | B(O_AMOUNT) | B(O_CATEGORY) | B(O_VAT) |
	  B(O_VAT_AMOUNT) | B(O_PAYMENT) | B(O_REF) | B(O_NOTE),
	  B(O_AMOUNT) | B(O_CATEGORY) },
	{ "hours", B(O_DATE) | B(O_PARTICIPANT) | B(O_HOURS) | B(O_REF) |
	  B(O_NOTE) | B(O_ROLE), B(O_PARTICIPANT) | B(O_HOURS) },
	{ "count", B(O_DATE) | B(O_AMOUNT) | B(O_NOTE), B(O_AMOUNT) },
	{ "deposit", B(O_DATE) | B(O_AMOUNT) | B(O_PAYMENT) | B(O_REF) |
	  B(O_NOTE), B(O_AMOUNT) },
	{ "lot", B(O_DATE) | B(O_PRODUCT) | B(O_QTY) | B(O_USES) | B(O_NOTE),
	  B(O_PRODUCT) | B(O_QTY) },
	{ "loss", B(O_DATE) | B(O_PRODUCT) | B(O_QTY) | B(O_REASON) | B(O_LOT) |
	  B(O_NOTE), B(O_PRODUCT) | B(O_QTY) | B(O_REASON) },
	{ "void", B(O_NOTE), B(O_NOTE) },
};

static const struct option sub_opts[] = {
	{ "participant", required_argument, NULL, O_PARTICIPANT },
	{ "amount", required_argument, NULL, O_AMOUNT },
	{ "by", required_argument, NULL, O_PARTICIPANT },
	{ "category", required_argument, NULL, O_CATEGORY },
	{ "date", required_argument, NULL, O_DATE },
	{ "hours", required_argument, NULL, O_HOURS },
	{ "lot", required_argument, NULL, O_LOT },
	{ "note", required_argument, NULL, O_NOTE },
	{ "payment", required_argument, NULL, O_PAYMENT },
	{ "price", required_argument, NULL, O_PRICE },
	{ "product", required_argument, NULL, O_PRODUCT },
	{ "qty", required_argument, NULL, O_QTY },
	{ "reason", required_argument, NULL, O_NOTE },
	{ "ref", required_argument, NULL, O_REF },
	{ "role", required_argument, NULL, O_ROLE },
	{ "uses", required_argument, NULL, O_USES },
	{ "vat", required_argument, NULL, O_VAT },
	{ "vat-amount", required_argument, NULL, O_VAT_AMOUNT },
	{ NULL, 0, NULL, 0 }
};

static const char *option_name(int o)
{
	if (o == O_REASON || o == O_NOTE)
		return "reason";
	for (const struct option *op = sub_opts; op->name; op++)
		if (op->val == o)
			return op->name;
	return "?";
}

static int batch(const struct project *p, const char *file)
{
	struct buf ids = { 0 };
	struct record_result res;
	struct fc_error e;
	FILE *in = stdin;
	const char *name = "stdin";
	int rc;

	if (file && strcmp(file, "-") != 0) {
		if (!(in = fopen(file, "r"))) {
			fc_fail_errno(&e, FC_NOINPUT, "%s: cannot open", file);
			return cli_report(&e);
		}
		name = file;
	}
	rc = record_batch(p, in, name, &ids, &res, &e);
	if (in != stdin)
		fclose(in);
	if (rc) {
		buf_free(&ids);
		return cli_report(&e);
	}
	if (ids.len)
		fwrite(ids.p, 1, ids.len, stdout);
	buf_free(&ids);
	if (res.skipped)
		cli_warn("%zu recorded, %zu skipped (already recorded: the "
		         "same ref, or a void of a row voided already)",
		         res.recorded, res.skipped);
	return cli_flush();
}

/* A new lot's number (the project's id and the lot's) and best-before
 * date, for its labels. */
static void lot_said(const struct project *p, const struct row *en)
{
	const struct product *pr = project_product(p, en->product);
	int32_t best = pr ? product_best_before(&pr->info, en->date) :
	               DATE_NONE;
	char d[DATE_BUFSZ];

	if (best != DATE_NONE)
		cli_warn("lot %s-%s, best before %s", p->id, en->id,
		         date_format(best, d));
	else
		cli_warn("lot %s-%s (no best-before date: [product %s] gives no "
		         "shelf_life_days)", p->id, en->id, en->product);
}

static int one(const struct project *p, const struct sub *s,
               const char *values[O_N], const char *target)
{
	const char *cols[O_N + 1], *fields[O_N + 1];
	struct table_row row = { 0 };
	struct row_cols c = { { 0 } };
	struct row en;
	struct fc_error e;
	char id[ID_SIZE];
	bool duplicate;
	int rc;

	/* The options make a row with column names: one parser for all. */
	cols[0] = "kind";
	fields[0] = s->name;
	for (int i = 0; i < O_N; i++) {
		cols[i + 1] = columns[i];
		fields[i + 1] = values[i] ? values[i] : "";
	}
	if (target)
		fields[1 + O_REF] = target;
	row.name = "command line";
	row.n = row.ncols = O_N + 1;
	row.col = (char **)cols;
	row.field = (char **)fields;
	if ((rc = row_cols(&row, FROM_CLI, &c, &e)) ||
	    (rc = row_parse(&row, &c, FROM_CLI, &en, &e)) ||
	    (rc = record_one(p, &en, id, &duplicate, &e)))
		return cli_report(&e);
	if (duplicate)
		cli_warn("ref '%s' is already recorded as %s: nothing recorded",
		         values[O_REF], id);
	printf("%s\n", id);
	if (en.kind == KIND_LOT)
		lot_said(p, &en);
	return cli_flush();
}

/* An option's value; a receipt of several VAT rates gives --vat and
 * --vat-amount once a rate, in pairs: their values one space apart, as
 * ledger.csv keeps them (a value of its own given twice: the last). */
static int set_value(const char *values[O_N], int c, const char *v)
{
	static char joined[2][ROW_RATES_MAX * 64];
	char *buf;

	if ((c != O_VAT && c != O_VAT_AMOUNT) || !values[c]) {
		values[c] = v;
		return FC_OK;
	}
	buf = joined[c == O_VAT_AMOUNT];
	if (values[c] != buf)
		snprintf(buf, sizeof joined[0], "%s", values[c]);
	if (strlen(buf) + strlen(v) + 2 > sizeof joined[0] || strchr(v, ' '))
		return cli_usage_error("too many VAT rates on one receipt "
		                       "(--vat, --vat-amount)");
	strcat(buf, " ");
	strcat(buf, v);
	values[c] = buf;
	return FC_OK;
}

/* --uses C00001,C00003: the ids one space apart, as production.csv keeps
 * them (blanks and empty items dropped). */
static char *uses_list(const char *v)
{
	static char uses[1024];
	size_t n = 0;

	for (const char *t = v; *t && n + 2 < sizeof uses; t++) {
		if (*t == ',' || *t == ' ') {
			if (n && uses[n - 1] != ' ')
				uses[n++] = ' ';
			continue;
		}
		uses[n++] = *t;
	}
	while (n && uses[n - 1] == ' ')
		n--;
	uses[n] = '\0';
	return uses;
}

/* The subcommand argv[0] and its options, into values and target;
 * FC_OK, or a usage error's status. */
static int sub_options(int argc, char **argv, const struct sub **sp,
                       const char *values[O_N], const char **target)
{
	const struct sub *s = NULL;
	char q[TEXT_QUOTE_SIZE];
	int c, li = 0, rc;

	if (!argc)
		return cli_usage_error("what to record? (sale, charge, hours, "
		                       "count, deposit, lot, loss or void)");
	for (size_t i = 0; i < sizeof subs / sizeof *subs; i++)
		if (strcmp(argv[0], subs[i].name) == 0)
			s = &subs[i];
	if (!(*sp = s))
		return cli_usage_error("'%s' is not a thing to record (sale, "
		                       "charge, hours, count, deposit, lot, loss "
		                       "or void)",
		                       text_quote(argv[0], q, sizeof q));
	optind = 0; /* glibc: start afresh, forgetting "+" */
	/* The subcommand's words: getopt's messages name us, not "sale". */
	argv[0] = (char *)cli_prog;
	while ((c = getopt_long(argc, argv, "", sub_opts, &li)) != -1) {
		/* a loss's --reason is why it was lost; a void's, its note */
		if (c == O_NOTE && strcmp(s->name, "loss") == 0 &&
		    strcmp(sub_opts[li].name, "reason") == 0)
			c = O_REASON;
		if (c == O_USES)
			optarg = uses_list(optarg);
		if (c >= 0 && c < O_N && (s->allowed & B(c))) {
			if ((rc = set_value(values, c, optarg)))
				return rc;
			continue;
		}
		if (c >= 0 && c < O_N)
			return cli_usage_error("%s takes no --%s", s->name,
			                       sub_opts[li].name);
		return cli_usage(usage);
	}
	argc -= optind;
	argv += optind;
	if (strcmp(s->name, "void") == 0 && argc != 1)
		return cli_usage_error("void takes the id of one row");
	if (strcmp(s->name, "void") == 0)
		*target = argv[0];
	else if (argc)
		return cli_usage_error("unexpected '%s'",
		                       text_quote(argv[0], q, sizeof q));
	for (int i = 0; i < O_N; i++)
		if ((s->required & B(i)) && !values[i])
			return cli_usage_error("%s needs --%s", s->name,
			                       option_name(i));
	return FC_OK;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "batch", optional_argument, NULL, 'b' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	const char *dir = NULL, *values[O_N] = { 0 }, *target = NULL;
	const char *batch_file = NULL;
	const struct sub *s = NULL;
	bool is_batch = false;
	struct project p;
	struct fc_error e;
	int c, rc;

	cli_init(argc, argv);
	while ((c = getopt_long(argc, argv, "+C:h", opts, NULL)) != -1) {
		switch (c) {
		case 'b': is_batch = true; batch_file = optarg; break;
		case 'C': dir = optarg; break;
		case 'h': return cli_help(usage);
		case 'V': return cli_version();
		default: return cli_usage(usage);
		}
	}
	argc -= optind;
	argv += optind;
	if (is_batch && !batch_file && argc == 1)
		batch_file = argv[--argc];
	if (is_batch && argc)
		return cli_usage_error("--batch reads one file");
	if (!is_batch && (rc = sub_options(argc, argv, &s, values, &target)))
		return rc;
	if ((rc = cli_load_project(project_dir(dir), &p, &e)))
		return cli_report(&e);
	rc = is_batch ? batch(&p, batch_file) : one(&p, s, values, target);
	project_free(&p);
	return rc;
}

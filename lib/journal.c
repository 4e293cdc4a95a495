#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "flashcoop/books.h"
#include "flashcoop/buf.h"
#include "flashcoop/date.h"
#include "flashcoop/grid.h"
#include "flashcoop/i18n.h"
#include "flashcoop/journal.h"
#include "flashcoop/money.h"
#include "flashcoop/table.h"
#include "flashcoop/text.h"
#include "flashcoop/write.h"

static void fec_amount(char *buf, int64_t v)
{
	char *dot;
	money_format(v, buf);
	if ((dot = strchr(buf, '.')))
		*dot = ',';
}

/* A text for FEC (tab-separated) or a ledger journal: no tab, no ';' (a
 * ledger comment), no run of spaces (the end of a ledger account name). */
static const char *plain(const char *s, char *buf, size_t size)
{
	size_t o = 0;
	for (size_t i = 0; s[i] && o + 1 < size; i++) {
		char c = s[i] == '\t' ? ' ' : s[i] == ';' ? ',' : s[i];
		if (c == ' ' && o && buf[o - 1] == ' ')
			continue;
		buf[o++] = c;
	}
	buf[o] = '\0';
	return buf;
}

/* Drop the half UTF-8 character a cut by snprintf may leave at the end. */
static void utf8_cut(char *buf)
{
	size_t n = strlen(buf), k = n;
	/* back over continuation bytes to the lead byte */
	while (k && ((unsigned char)buf[k - 1] & 0xc0) == 0x80)
		k--;
	if (k && (unsigned char)buf[k - 1] >= 0xc0) {
		unsigned char lead = (unsigned char)buf[k - 1];
		size_t need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : 2;
		if (n - (k - 1) < need)
			buf[k - 1] = '\0';
	}
}

/* A text of the FEC or of a ledger journal: plain, cut to whole
 * characters, and a cell no spreadsheet takes for a formula (text_cell):
 * both files go to an accountant's tools. */
static const char *jtext(const char *s, char *buf, size_t size)
{
	plain(s, buf, size);
	utf8_cut(buf);
	return text_cell(buf, buf, size);
}

/* The texts of an entry, as every format writes them. */
struct shown {
	char date[DATE_BUFSZ], ymd[9], valid[DATE_BUFSZ], vymd[9];
	char num[32], piece[2048], text[BOOK_TEXT_SIZE + 16];
};

static void show(const struct books *b, const struct book_entry *je,
                 bool prefix, struct shown *s)
{
	date_format(je->date, s->date);
	snprintf(s->ymd, sizeof s->ymd, "%.4s%.2s%.2s", s->date, s->date + 5,
	         s->date + 8);
	date_format(je->valid, s->valid);
	snprintf(s->vymd, sizeof s->vymd, "%.4s%.2s%.2s", s->valid,
	         s->valid + 5, s->valid + 8);
	snprintf(s->num, sizeof s->num, "%s%05lu",
	         books_journal_code(je->journal), je->num);
	snprintf(s->piece, sizeof s->piece, "%s%s%s",
	         prefix ? b->proj[je->project].id : "", prefix ? "-" : "",
	         je->piece);
	utf8_cut(s->piece);
	text_cell(s->piece, s->piece, sizeof s->piece);
	jtext(je->text, s->text, sizeof s->text);
}

static const char *analytic(const struct books *b, const struct book_entry *je,
                            const struct book_line *l)
{
	const struct books_project *p = &b->proj[je->project];
	return l->cae ? p->cae_analytic : p->analytic;
}

static void fec_entry(FILE *out, const struct books *b,
                      const struct book_entry *je, const struct shown *s)
{
	static const char zero[] = "0,00";
	char a[MONEY_BUFSZ], lab[ACCOUNT_LABEL_SIZE + 16], jl[40];

	for (size_t i = 0; i < je->n; i++) {
		const struct book_line *l = &je->l[i];
		const struct account_ref *acc = &b->acc[l->account];
		fec_amount(a, l->amount < 0 ? -l->amount : l->amount);
		fprintf(out, "%s\t%s\t%s\t%s\t%s\t%s\t\t\t%s\t%s\t%s\t%s\t%s\t\t\t"
		        "%s\t\t\n", books_journal_code(je->journal),
		        jtext(books_journal_label(je->journal), jl, sizeof jl),
		        s->num, s->ymd, acc->number,
		        jtext(acc->label, lab, sizeof lab), s->piece, s->ymd,
		        s->text, l->amount > 0 ? a : zero,
		        l->amount < 0 ? a : zero, s->vymd);
	}
}

static void ledger_entry(FILE *out, const struct books *b,
                         const struct book_entry *je, const struct shown *s)
{
	const char *cur = b->proj[je->project].currency;
	char a[MONEY_BUFSZ], lab[ACCOUNT_LABEL_SIZE + 16];

	fprintf(out, "%s (%s) %s\n", s->date, s->num, s->text);
	fprintf(out, "    ; piece: %s\n    ; valid: %s\n", s->piece, s->valid);
	for (size_t i = 0; i < je->n; i++) {
		const struct book_line *l = &je->l[i];
		const struct account_ref *acc = &b->acc[l->account];
		fprintf(out, "    %s %s  %s %s  ; analytic: %s\n", acc->number,
		        jtext(acc->label, lab, sizeof lab),
		        money_format(l->amount, a), cur, analytic(b, je, l));
	}
	fputc('\n', out);
}

/* The lines of entry je as rows of g (the CSV's and the workbook's
 * columns). */
static int grid_entry(struct grid *g, const struct books *b,
                      const struct book_entry *je, const struct shown *s)
{
	int bad = 0;

	for (size_t i = 0; !bad && i < je->n; i++) {
		const struct book_line *l = &je->l[i];
		bad |= grid_text(g, books_journal_code(je->journal));
		bad |= grid_text(g, s->date);
		bad |= grid_text(g, s->num);
		bad |= grid_text(g, s->piece);
		bad |= grid_text(g, b->acc[l->account].number);
		bad |= grid_text(g, s->text);
		bad |= grid_number(g, l->amount > 0 ? l->amount : 0);
		bad |= grid_number(g, l->amount < 0 ? -l->amount : 0);
		bad |= grid_text(g, analytic(b, je, l));
		bad |= grid_text(g, s->valid);
		bad |= grid_end_row(g);
	}
	return bad ? -1 : 0;
}

int journal_grid(struct grid *g, const struct books *b, bool prefix)
{
	static const char *const cols[] = {
		N_("journal"), N_("date"), N_("number"), N_("piece"),
		N_("account"), N_("label"), N_("debit"), N_("credit"),
		N_("analytic"), N_("valid_date")
	};
	struct shown s;
	int bad = 0;

	memset(g, 0, sizeof *g);
	for (size_t j = 0; j < sizeof cols / sizeof *cols; j++)
		bad |= grid_column(g, cols[j], j == 6 || j == 7 ? CELL_MONEY :
		                   CELL_TEXT, GRID_NO_TOTAL);
	for (size_t i = 0; !bad && i < b->n; i++) {
		show(b, &b->v[i], prefix, &s);
		bad = grid_entry(g, b, &b->v[i], &s);
	}
	if (bad)
		grid_free(g);
	return bad ? -1 : 0;
}

static const char fec_header[] =
	"JournalCode\tJournalLib\tEcritureNum\tEcritureDate\tCompteNum\t"
	"CompteLib\tCompAuxNum\tCompAuxLib\tPieceRef\tPieceDate\tEcritureLib\t"
	"Debit\tCredit\tEcritureLet\tDateLet\tValidDate\tMontantdevise\t"
	"Idevise\n";

/* ledger --strict and hledger check: every account and commodity used
 * declared first. */
static int declarations(FILE *out, const struct books *b)
{
	char lab[ACCOUNT_LABEL_SIZE + 16];

	for (size_t i = 0; i < b->nproj; i++) {
		bool seen = false;
		for (size_t j = 0; j < i && !seen; j++)
			seen = strcmp(b->proj[j].currency, b->proj[i].currency) == 0;
		if (!seen)
			fprintf(out, "commodity %s\n", b->proj[i].currency);
	}
	/* the accounts with a line (the books know some they did not use):
	 * one pass over the lines */
	bool *used = calloc(b->nacc + 1, sizeof *used);
	if (!used)
		return -1;
	for (size_t k = 0; k < b->n; k++)
		for (size_t l = 0; l < b->v[k].n; l++)
			used[b->v[k].l[l].account] = true;
	for (size_t i = 0; i < b->nacc; i++)
		if (used[i])
			fprintf(out, "account %s %s\n", b->acc[i].number,
			        jtext(b->acc[i].label, lab, sizeof lab));
	free(used);
	/* the tags of the comments, for ledger --strict */
	fputs("tag analytic\ntag piece\ntag valid\n\n", out);
	return 0;
}

int journal_print(FILE *out, enum journal_format f, const struct books *b,
                  bool prefix)
{
	struct shown s;

	if (f == JOURNAL_CSV) {
		struct grid g;
		int rc = journal_grid(&g, b, prefix);
		if (!rc)
			rc = write_csv(out, &g);
		grid_free(&g);
		return rc || ferror(out) ? -1 : 0;
	}
	if (f == JOURNAL_FEC)
		fputs(fec_header, out);
	else if (declarations(out, b) < 0)
		return -1;
	for (size_t i = 0; i < b->n; i++) {
		show(b, &b->v[i], prefix, &s);
		if (f == JOURNAL_FEC)
			fec_entry(out, b, &b->v[i], &s);
		else
			ledger_entry(out, b, &b->v[i], &s);
	}
	return ferror(out) ? -1 : 0;
}

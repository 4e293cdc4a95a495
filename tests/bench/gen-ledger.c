/* gen-ledger: deterministic data for the benchmark (tests/bench/run.sh).
 *
 *   gen-ledger [--rows N] [--seed S] [--participants K] [--header]
 *       ledger.csv rows of a valid project to stdout: sales S00001... of
 *       the catalogue below (amount = quantity x unit price), about one
 *       charge C00001... in 200 rows, dates in order from 2026-05-04 to
 *       2026-05-13, payments cash/card/cheque.  Without --header the rows
 *       alone, to append to the ledger.csv that flashcoop-init wrote.  With
 *       --participants K, sales name a seller P001..P00K (they must be
 *       enrolled from 2026-05-04).  The rows are chained as terminal main's
 *       (SPEC §5: terminal, recorded_at, chain), the first of the file.
 *   gen-ledger --batch [--rows N] [--seed S]
 *       a batch CSV for `flashcoop-record --batch`: header
 *       kind,date,product,quantity,payment,ref, no ids, unique refs.
 *   gen-ledger --catalogue
 *       the [products] lines the data needs, for flashcoop.ini.
 *
 * Both data modes write the exact totals, in integer cents, to stderr:
 *   rows=N sales=X.XX charges=Y.YY amount_sum=Z.ZZ
 * (amount_sum is the sum of the amount column: what `awk '{s+=$7}'` adds).
 *
 *   gen-ledger --time -- COMMAND [ARG...]
 *       runs COMMAND once, its stdout to /dev/null, and prints
 *       "WALL_US CPU_US MAXRSS_KB": wall time from fork to exit, user+system
 *       CPU time, and peak resident memory.  Exits with COMMAND's status.
 *       (A timer without a shell in the way, for the per-call medians.)
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <openssl/evp.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static const struct product {
	const char *name;
	int64_t cents;
	const char *vat;   /* as flashcoop writes it */
	unsigned weight;   /* how often it sells, out of 100 */
} products[] = {
	{ "cookie", 250, "5.5", 40 },
	{ "biscuit-apero", 300, "5.5", 25 },
	{ "sac-vrac", 800, "20", 15 },
	{ "jus-pomme", 280, "5.5", 12 },
	{ "cafe", 120, "10", 8 },
};
#define NPRODUCTS (sizeof products / sizeof *products)

static const char *const categories[] = {
	"ingredients", "packaging", "stand", "transport", "communication",
	"other"
};
static const char *const charge_vats[] = { "20", "5.5", "0" };
static const char *const charge_pays[] = { "card", "transfer", "cash",
                                           "cheque" };

/* splitmix64: small, fast and the same everywhere. */
static uint64_t rng_state;

static uint64_t rng(void)
{
	uint64_t z = (rng_state += 0x9E3779B97F4A7C15ULL);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

static unsigned below(unsigned n)
{
	return (unsigned)(rng() % n);
}

static const struct product *pick_product(void)
{
	unsigned r = below(100);
	for (size_t i = 0; i < NPRODUCTS; i++) {
		if (r < products[i].weight)
			return &products[i];
		r -= products[i].weight;
	}
	return &products[0];
}

static const char *pick_payment(void)
{
	unsigned r = below(10);
	return r < 5 ? "cash" : r < 9 ? "card" : "cheque";
}

/* "12.50" from 1250. */
static char *money(int64_t cents, char buf[32])
{
	snprintf(buf, 32, "%lld.%02lld", (long long)(cents / 100),
	         (long long)(cents % 100));
	return buf;
}

/* The row's date: rows run in order over the ten days of the period. */
static int day_of(unsigned long long i, unsigned long long n)
{
	return 4 + (int)(i * 10 / (n ? n : 1));
}

static int usage(void)
{
	fputs("usage: gen-ledger [--rows N] [--seed S] [--participants K] "
	      "[--header]\n"
	      "       gen-ledger --batch [--rows N] [--seed S]\n"
	      "       gen-ledger --catalogue\n"
	      "       gen-ledger --time -- COMMAND [ARG...]\n", stderr);
	return 64;
}

static int timed(char **argv)
{
	struct timespec t0, t1;
	struct rusage ru;
	pid_t pid;
	int status;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	pid = fork();
	if (pid < 0) {
		perror("gen-ledger: fork");
		return 71;
	}
	if (pid == 0) {
		int fd = open("/dev/null", O_WRONLY);
		if (fd >= 0) {
			dup2(fd, 1);
			close(fd);
		}
		execvp(argv[0], argv);
		fprintf(stderr, "gen-ledger: %s: %s\n", argv[0],
		        strerror(errno));
		_exit(127);
	}
	while (wait4(pid, &status, 0, &ru) < 0)
		if (errno != EINTR) {
			perror("gen-ledger: wait");
			return 71;
		}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	printf("%lld %lld %ld\n",
	       (long long)(t1.tv_sec - t0.tv_sec) * 1000000LL +
	               (t1.tv_nsec - t0.tv_nsec) / 1000,
	       (long long)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000000LL +
	               ru.ru_utime.tv_usec + ru.ru_stime.tv_usec,
	       ru.ru_maxrss);
	if (WIFSIGNALED(status)) {
		fprintf(stderr, "gen-ledger: %s: killed by signal %d\n", argv[0],
		        WTERMSIG(status));
		return 128 + WTERMSIG(status);
	}
	return WEXITSTATUS(status);
}

/* The chained row of len bytes at line (no newline) to stdout. */
static void chained(const char *line, size_t len, char prev[65])
{
	static const char hex[] = "0123456789abcdef";
	static EVP_MD_CTX *ctx;
	static EVP_MD *md;
	unsigned char d[EVP_MAX_MD_SIZE];
	unsigned int n;

	if (!ctx) {
		ctx = EVP_MD_CTX_new();
		md = EVP_MD_fetch(NULL, "SHA256", NULL);
	}
	EVP_DigestInit_ex2(ctx, md, NULL);
	EVP_DigestUpdate(ctx, prev, 64);
	EVP_DigestUpdate(ctx, "\n", 1);
	EVP_DigestUpdate(ctx, line, len);
	EVP_DigestFinal_ex(ctx, d, &n);
	for (unsigned i = 0; i < 32; i++) {
		prev[2 * i] = hex[d[i] >> 4];
		prev[2 * i + 1] = hex[d[i] & 15];
	}
	prev[64] = '\0';
	fwrite(line, 1, len, stdout);
	printf(",%s\n", prev);
}

/* After a row's note: its vat_amount (empty: the charge's VAT is
 * computed) and lot (empty), the terminal and the time every generated
 * row was recorded. */
#define STAMP ",,,main,2026-05-13T20:00:00+02:00"

int main(int argc, char **argv)
{
	char prev[65], line[512];
	unsigned long long rows = 1000000, seed = 20260504, nsale = 0,
	                   ncharge = 0;
	unsigned participants = 0;
	int batch = 0, header = 0;
	int64_t sales = 0, charges = 0;
	static char outbuf[1 << 16];
	char a[32], b[32], c[32];

	for (int i = 1; i < argc; i++) {
		const char *o = argv[i];
		char *end;
		if (strcmp(o, "--time") == 0) {
			if (i + 1 < argc && strcmp(argv[i + 1], "--") == 0)
				i++;
			if (i + 1 >= argc)
				return usage();
			return timed(argv + i + 1);
		} else if (strcmp(o, "--catalogue") == 0) {
			for (size_t p = 0; p < NPRODUCTS; p++)
				printf("%-13s = %s, %s\n", products[p].name,
				       money(products[p].cents, a), products[p].vat);
			return fflush(stdout) ? 74 : 0;
		} else if (strcmp(o, "--batch") == 0) {
			batch = 1;
		} else if (strcmp(o, "--header") == 0) {
			header = 1;
		} else if (i + 1 < argc && (strcmp(o, "--rows") == 0 ||
		                            strcmp(o, "--seed") == 0 ||
		                            strcmp(o, "--participants") == 0)) {
			unsigned long long v;
			errno = 0;
			v = strtoull(argv[++i], &end, 10);
			if (errno || *end || !*argv[i])
				return usage();
			if (o[2] == 'r')
				rows = v;
			else if (o[2] == 's')
				seed = v;
			else if (v > 999)
				return usage();
			else
				participants = (unsigned)v;
		} else {
			return usage();
		}
	}
	rng_state = seed;
	memset(prev, '0', 64);
	prev[64] = '\0';
	setvbuf(stdout, outbuf, _IOFBF, sizeof outbuf);

	if (batch)
		fputs("kind,date,product,quantity,payment,ref\n", stdout);
	else if (header)
		fputs("id,date,kind,product,quantity,unit_price,amount,vat_rate,"
		      "category,payment,participant,ref,note,vat_amount,lot,"
		      "terminal,recorded_at,chain\n", stdout);

	for (unsigned long long i = 0; i < rows; i++) {
		int day = day_of(i, rows);
		/* About one row in 200 is a charge (not in a batch of sales);
		 * the first row is always a sale. */
		if (!batch && i && below(200) == 0) {
			/* One draw per statement: the order of arguments is
			 * unspecified, the data must not depend on it. */
			int64_t cents = 500 + (int64_t)below(29500);
			const char *vat = charge_vats[below(3)];
			const char *cat = categories[below(6)];
			const char *pay = charge_pays[below(4)];
			unsigned supplier = below(40) + 1;
			charges += cents;
			ncharge++;
			int len = snprintf(line, sizeof line,
			        "C%05llu,2026-05-%02d,charge,,,,%s,%s,%s,%s,,F-%07llu,"
			        "supplier %u" STAMP, ncharge, day, money(cents, a), vat,
			        cat, pay, ncharge, supplier);
			chained(line, (size_t)len, prev);
			continue;
		}
		const struct product *p = pick_product();
		unsigned qty = 1 + below(6);
		int64_t cents = (int64_t)qty * p->cents;
		const char *pay = pick_payment();
		sales += cents;
		nsale++;
		if (batch) {
			printf("sale,2026-05-%02d,%s,%u,%s,BENCH-%07llu\n", day,
			       p->name, qty, pay, nsale);
		} else {
			char who[8] = "";
			if (participants)
				snprintf(who, sizeof who, "P%03u",
				         1 + below(participants));
			int len = snprintf(line, sizeof line,
			        "S%05llu,2026-05-%02d,sale,%s,%u,%s,%s,%s,,%s,%s,,"
			        STAMP, nsale, day, p->name, qty, money(p->cents, a),
			        money(cents, b), p->vat, pay, who);
			chained(line, (size_t)len, prev);
		}
	}
	if (fflush(stdout) || ferror(stdout)) {
		perror("gen-ledger: stdout");
		return 74;
	}
	fprintf(stderr, "rows=%llu sales=%s charges=%s amount_sum=%s\n", rows,
	        money(sales, a), money(charges, b), money(sales + charges, c));
	return 0;
}

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "flashcoop/money.h"

/* Parse digits[.|,]decimals with at most maxdec decimals into an integer
 * scaled by 10^maxdec.  The common core of amounts and rates. */
static int parse_fixed(const char *s, int maxdec, int64_t *out)
{
	int64_t v = 0;
	int ndig = 0, ndec = 0;
	const char *p = s;

	if (!s)
		return -1;
	for (; *p >= '0' && *p <= '9'; p++, ndig++) {
		if (v > (INT64_MAX - (*p - '0')) / 10)
			return -1;
		v = v * 10 + (*p - '0');
	}
	if (ndig == 0)
		return -1;
	if (*p == '.' || *p == ',') {
		p++;
		for (; *p >= '0' && *p <= '9'; p++, ndec++) {
			if (ndec == maxdec)
				return -1;
			if (v > (INT64_MAX - (*p - '0')) / 10)
				return -1;
			v = v * 10 + (*p - '0');
		}
		if (ndec == 0)
			return -1;
	}
	if (*p != '\0')
		return -1;
	for (; ndec < maxdec; ndec++) {
		if (v > INT64_MAX / 10)
			return -1;
		v *= 10;
	}
	*out = v;
	return 0;
}

int money_parse(const char *s, int64_t *cents)
{
	return parse_fixed(s, 2, cents);
}

char *money_format(int64_t c, char buf[MONEY_BUFSZ])
{
	/* The magnitude as unsigned: INT64_MIN has no positive twin.  Digits
	 * by hand, right to left: a batch formats millions of these. */
	uint64_t m = c < 0 ? (uint64_t)0 - (uint64_t)c : (uint64_t)c;
	char tmp[MONEY_BUFSZ], *p = tmp + sizeof tmp;
	size_t n;

	*--p = '\0';
	*--p = (char)('0' + m % 10);
	m /= 10;
	*--p = (char)('0' + m % 10);
	m /= 10;
	*--p = '.';
	do {
		*--p = (char)('0' + m % 10);
		m /= 10;
	} while (m);
	if (c < 0)
		*--p = '-';
	n = (size_t)(tmp + sizeof tmp - p);
	memcpy(buf, p, n);
	return buf;
}

int money_rate_parse(const char *s, int32_t *hundredths)
{
	int64_t v;
	if (parse_fixed(s, 2, &v) < 0 || v > 10000)
		return -1;
	*hundredths = (int32_t)v;
	return 0;
}

char *money_rate_format(int32_t r, char buf[MONEY_BUFSZ])
{
	/* Two decimals, then the zeros at the end dropped: 550 -> "5.5". */
	char *p;
	money_format(r, buf);
	p = buf + strlen(buf);
	while (p[-1] == '0')
		*--p = '\0';
	if (p[-1] == '.')
		p[-1] = '\0';
	return buf;
}

int money_add(int64_t a, int64_t b, int64_t *out)
{
	return __builtin_add_overflow(a, b, out) ? -1 : 0;
}

int money_sub(int64_t a, int64_t b, int64_t *out)
{
	return __builtin_sub_overflow(a, b, out) ? -1 : 0;
}

int money_mul(int64_t a, int64_t b, int64_t *out)
{
	return __builtin_mul_overflow(a, b, out) ? -1 : 0;
}

int money_without_rate(int64_t v, int32_t rate, int64_t *out)
{
	return money_muldiv(v, 10000, 10000 + (int64_t)rate, out);
}

int money_percent(int64_t v, int32_t rate, int64_t *out)
{
	return money_muldiv(v, rate, 10000, out);
}

int money_accumulate(int64_t *sum, int sign, int64_t v)
{
	return sign > 0 ? money_add(*sum, v, sum) : money_sub(*sum, v, sum);
}

int money_muldiv(int64_t a, int64_t b, int64_t c, int64_t *out)
{
	__int128 n, q, r;

	if (c <= 0)
		return -1;
	n = (__int128)a * b;             /* fits: |a*b| < 2^126 */
	q = n / c;
	r = n % c;                       /* same sign as n */
	if (r < 0)
		r = -r;
	if (2 * r >= c)
		q += n < 0 ? -1 : 1;
	if (q > INT64_MAX || q < INT64_MIN)
		return -1;
	*out = (int64_t)q;
	return 0;
}

int money_allocate(int64_t total, const int64_t *w, size_t n, int64_t *parts)
{
	__int128 sum = 0, given = 0;
	bool *served;
	size_t i;

	if (total < 0 || n == 0)
		return -1;
	for (i = 0; i < n; i++) {
		if (w[i] < 0)
			return -1;
		sum += w[i];
	}
	if (sum == 0)
		return -1;
	served = calloc(n, sizeof *served);
	if (!served)
		return -1;
	for (i = 0; i < n; i++) {
		parts[i] = (int64_t)((__int128)total * w[i] / sum);
		given += parts[i];
	}
	/* Fewer than n cents are left: one each to the largest remainders,
	 * the lower index first on a tie. */
	for (; given < total; given++) {
		size_t best = n;
		__int128 bestr = -1;
		for (i = 0; i < n; i++) {
			__int128 r = (__int128)total * w[i] % sum;
			if (!served[i] && r > bestr) {
				bestr = r;
				best = i;
			}
		}
		parts[best]++;
		served[best] = true;
	}
	free(served);
	return 0;
}

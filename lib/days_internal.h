/*
 * What lib/days.c and lib/days_close.c share, and no one else: the daily
 * closings are one module in two files (reading and checking days.csv;
 * writing a closing).
 */
#ifndef FLASHCOOP_DAYS_INTERNAL_H
#define FLASHCOOP_DAYS_INTERNAL_H

/* days.csv's columns, in DAYS_HEADER's order. */
enum { D_ID, D_DATE, D_TERMINAL, D_AT, D_SALES, D_RATES, D_PAYS, D_CASH,
       D_PERIOD, D_PERPETUAL, D_LHEAD, D_HHEAD, D_SIG, D_CHAIN, D_N };
extern const char *const days_cols[D_N];

#endif

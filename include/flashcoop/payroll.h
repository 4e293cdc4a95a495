/*
 * payroll: what the CAE's payroll service needs to make each payslip, one
 * row per participant and project: who (this report carries names), the
 * contract, the dates, the hours day by day, the share and its split into
 * gross pay and contributions (closing.h: the statement's figures), the
 * gross pay an hour against [money] min_hourly_gross, and whether the
 * project is closed or the figures an estimate.  Rows for the reports'
 * table (reports.h).
 */
#ifndef FLASHCOOP_PAYROLL_H
#define FLASHCOOP_PAYROLL_H

#include "flashcoop/error.h"
#include "flashcoop/reports.h"

struct report;
struct report_input;

extern const struct report_column payroll_columns[];

int payroll_rows(struct report *r, const struct report_input *in,
                 struct fc_error *e);

/* A participant's hours day by day, from groups by participant and day
 * (sorted): "2026-05-05=6.00 2026-05-06=7.50" into buf (size bytes, cut
 * short when full). */
struct groups;
void payroll_days(const struct groups *g, const char *id, char *buf,
                  size_t size);

#endif

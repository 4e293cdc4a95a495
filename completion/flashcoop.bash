# bash completion for the flashcoop commands               -*- shell-script -*-
#
# flashcoop-init, flashcoop-enroll, flashcoop-record, flashcoop-close,
# flashcoop-check and flashcoop-report: their options, the subcommands of
# flashcoop-record, the report kinds, the values of --format, --by,
# --payment..., and what the project holds: participant ids, products of
# the catalogue, ids a void may name, categories, days of the period.
#
# The project is the folder of -C DIR on the command line, else
# $FLASHCOOP_DIR, else the current folder, as for the commands.
#
# make install puts this file in
# $(PREFIX)/share/bash-completion/completions/ once per command name, for
# bash-completion to load on demand.  Without it, source it from
# ~/.bashrc:  . /path/to/completion/flashcoop.bash
#
# What is read from the project is never evaluated (no compgen -W on it):
# a project folder from elsewhere cannot run code through completion.

# _flashcoop_match CANDIDATE...: add to COMPREPLY those that start with
# $cur.
_flashcoop_match()
{
    local w
    for w in "$@"; do
        [[ -n $w && $w == "$cur"* ]] && COMPREPLY+=("$w")
    done
}

# _flashcoop_lines: add the lines of the standard input that start with
# $cur (one candidate a line: names with spaces are quoted).
_flashcoop_lines()
{
    local w q typed=${cur//\\/}
    typed=${typed#[\"\']}
    while IFS= read -r w; do
        [[ -n $w && $w == "$typed"* ]] || continue
        if [[ $w == *[[:space:]\'\"\\\$\`]* ]]; then
            printf -v q '%q' "$w"
            COMPREPLY+=("$q")
        else
            COMPREPLY+=("$w")
        fi
    done
}

# _flashcoop_dirs, _flashcoop_files: folders, or files and folders,
# quoted as file names.
_flashcoop_dirs()
{
    compopt -o filenames 2>/dev/null
    local w
    while IFS= read -r w; do COMPREPLY+=("$w"); done < <(compgen -d -- "$cur")
}
_flashcoop_files()
{
    compopt -o filenames 2>/dev/null
    local w
    while IFS= read -r w; do COMPREPLY+=("$w"); done < <(compgen -f -- "$cur")
}

# _flashcoop_project: set $project to the project folder of the line.
_flashcoop_project()
{
    local i w
    project=
    for ((i = 1; i < COMP_CWORD; i++)); do
        w=${COMP_WORDS[i]}
        case $w in
        -C)
            ((i + 1 < COMP_CWORD)) && project=${COMP_WORDS[i + 1]}
            ((i++)) ;;
        -C?*) project=${w#-C} ;;
        esac
    done
    # The word as typed: take off quotes and backslashes, expand ~.
    project=${project#[\"\']}
    project=${project%[\"\']}
    project=${project//\\/}
    [[ $project == "~"* ]] && project=$HOME${project#\~}
    project=${project:-${FLASHCOOP_DIR:-.}}
}

# The awk function that splits a line of CSV (RFC 4180, one line a row,
# as every flashcoop file is) into f[1..n], and finds columns by name.
# shellcheck disable=SC2016 # awk code, not shell
_flashcoop_awk_csv='
function csvsplit(s,    n, v) {
    split("", f)
    if (index(s, "\"") == 0) return split(s, f, ",")
    n = 0
    for (;;) {
        if (substr(s, 1, 1) == "\"") {
            if (match(s, /^"([^"]|"")*"/)) {
                v = substr(s, 2, RLENGTH - 2); s = substr(s, RLENGTH + 1)
            } else {
                v = substr(s, 2); s = ""
            }
            gsub(/""/, "\"", v)
        } else if (match(s, /,/)) {
            v = substr(s, 1, RSTART - 1); s = substr(s, RSTART)
        } else {
            v = s; s = ""
        }
        f[++n] = v
        if (substr(s, 1, 1) != ",") return n
        s = substr(s, 2)
    }
}
{ sub(/\r$/, "") }
FNR == 1 { delete col; n = csvsplit($0); for (i = 1; i <= n; i++) col[f[i]] = i; next }
{ csvsplit($0) }
'

# _flashcoop_column FILE COLUMN: the distinct values of a column of a CSV
# file of the project, in the order met.
_flashcoop_column()
{
    [[ -r $project/$1 ]] || return
    awk -v want="$2" "$_flashcoop_awk_csv"'
        (want in col) && f[col[want]] != "" && !seen[f[col[want]]]++ {
            print f[col[want]]
        }' "$project/$1" 2>/dev/null
}

# _flashcoop_participants [active]: the participant ids of
# participants.csv; with "active", only those not withdrawn.
_flashcoop_participants()
{
    [[ -r $project/participants.csv ]] || return
    awk -v active="$1" "$_flashcoop_awk_csv"'
        f[col["id"]] != "" && !(active && f[col["withdrawn"]] != "") {
            print f[col["id"]]
        }' "$project/participants.csv" 2>/dev/null
}

# _flashcoop_ini SECTION: the keys of a section of flashcoop.ini, in
# lowercase (products), or with "rates", the VAT rates of the catalogue,
# or with "dates", every day from start to end of [flashcoop].
_flashcoop_ini()
{
    [[ -r $project/flashcoop.ini ]] || return
    awk -v what="$1" '
    function days(y, m, d) {    # days since 1970-01-01 of a civil date
        y -= (m <= 2)
        era = int(y / 400)
        yoe = y - era * 400
        doy = int((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1
        return era * 146097 + yoe * 365 + int(yoe / 4) - int(yoe / 100) + doy - 719468
    }
    function civil(z,    era, doe, yoe, y, doy, mp, d, m) {
        z += 719468
        era = int(z / 146097)
        doe = z - era * 146097
        yoe = int((doe - int(doe / 1460) + int(doe / 36524) - int(doe / 146096)) / 365)
        y = yoe + era * 400
        doy = doe - (365 * yoe + int(yoe / 4) - int(yoe / 100))
        mp = int((5 * doy + 2) / 153)
        d = doy - int((153 * mp + 2) / 5) + 1
        m = mp + (mp < 10 ? 3 : -9)
        return sprintf("%04d-%02d-%02d", y + (m <= 2), m, d)
    }
    function value(s) {
        sub(/^[^=]*=[ \t]*/, "", s)
        if (s ~ /^["\047]/) { s = substr(s, 2); sub(/["\047].*/, "", s) }
        else sub(/[ \t]*[;#].*/, "", s)
        sub(/[ \t]+$/, "", s)
        return s
    }
    { sub(/\r$/, "") }
    /^[ \t]*[;#]/ || /^[ \t]*$/ { next }
    /^[ \t]*\[/ {
        sec = tolower($0); sub(/[;#].*/, "", sec); gsub(/[ \t\[\]]/, "", sec)
        next
    }
    !/=/ { next }
    {
        k = $0; sub(/=.*/, "", k); gsub(/^[ \t]+|[ \t]+$/, "", k); k = tolower(k)
    }
    sec == "products" && what == "products" { print k }
    sec == "products" && what == "rates" {
        # price, rate: a comma and a space apart, either with a decimal comma
        v = value($0)
        if (!match(v, /,[ \t]+/)) next
        v = substr(v, RSTART + RLENGTH); sub(/,/, ".", v)
        if (v != "" && !seen[v]++) print v
    }
    sec == "flashcoop" && k == "start" { start = value($0) }
    sec == "flashcoop" && k == "end" { end = value($0) }
    END {
        if (what != "dates") exit
        if (start !~ /^[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]$/) exit
        if (end !~ /^[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]$/) end = start
        split(start, a, "-"); s = days(a[1] + 0, a[2] + 0, a[3] + 0)
        split(end, a, "-"); e = days(a[1] + 0, a[2] + 0, a[3] + 0)
        for (z = s; z <= e && z < s + 400; z++) print civil(z)
    }' "$project/flashcoop.ini" 2>/dev/null
}

# _flashcoop_voidable: the ids a void may name, the last 50 of each file
# that start with $cur: sales, charges, deposits and hours not voided
# already.
_flashcoop_voidable()
{
    local f files=()
    for f in ledger.csv hours.csv; do
        [[ -r $project/$f ]] && files+=("$project/$f")
    done
    ((${#files[@]})) || return
    awk -v cur="$cur" "$_flashcoop_awk_csv"'
        FILENAME != last { file++; last = FILENAME }
        {
            id = f[col["id"]]; kind = f[col["kind"]]
            if (kind == "void") { voided[f[col["ref"]]] = 1; next }
            if (kind != "sale" && kind != "charge" && kind != "deposit" &&
                kind != "hours") next
            if (substr(id, 1, length(cur)) != cur) next
            ids[file, ++cnt[file]] = id
        }
        END {
            for (k = 1; k <= file; k++) {
                shown = 0
                for (i = cnt[k]; i >= 1 && shown < 50; i--)
                    if (!(ids[k, i] in voided)) { out[++shown] = ids[k, i] }
                for (i = shown; i >= 1; i--) print out[i]
            }
        }' "${files[@]}" 2>/dev/null
}

# _flashcoop_options OPTION...: those not on the line already (-h and
# the like stay), that start with $cur.
_flashcoop_options()
{
    local o w seen
    for o in "$@"; do
        seen=
        for w in "${COMP_WORDS[@]:1:COMP_CWORD-1}"; do
            [[ ${w%%=*} == "$o" ]] && seen=1 && break
        done
        [[ -n $seen ]] || _flashcoop_match "$o"
    done
}

# _flashcoop_dates: the days of the project, today first.
_flashcoop_dates()
{
    local today
    printf -v today '%(%Y-%m-%d)T' -1
    _flashcoop_match "$today"
    _flashcoop_lines < <(_flashcoop_ini dates | grep -vx -- "$today")
}

# _flashcoop_list WORD...: a comma-separated list of these words, for
# --by day,product: complete the last item, without repeats.
_flashcoop_list()
{
    local head='' last=$cur w
    if [[ $cur == *,* ]]; then
        head=${cur%,*},
        last=${cur##*,}
    fi
    for w in "$@"; do
        [[ ,$head == *,"$w",* ]] && continue
        [[ $w == "$last"* ]] && COMPREPLY+=("$head$w")
    done
    # Not the end of the word yet: let the next item follow the comma.
    compopt -o nospace 2>/dev/null
}

# _flashcoop_value OPTION: complete the value of an option shared by
# several commands; returns 1 when OPTION is not one of them.
_flashcoop_value()
{
    case $1 in
    -C) _flashcoop_dirs ;;
    --date | --from | --to) _flashcoop_dates ;;
    --payment) _flashcoop_match cash card cheque transfer other ;;
    --format) _flashcoop_match text csv json xlsx ;;
    --participant) _flashcoop_lines < <(_flashcoop_participants) ;;
    --withdraw) _flashcoop_lines < <(_flashcoop_participants active) ;;
    --product) _flashcoop_lines < <(_flashcoop_ini products) ;;
    --lot) _flashcoop_lines < <(_flashcoop_column production.csv id | grep '^L') ;;
    --charge | --uses)
        _flashcoop_lines < <(_flashcoop_column ledger.csv id | grep '^C') ;;
    --vat)
        _flashcoop_lines < <({ _flashcoop_ini rates; printf '%s\n' 0 2.1 5.5 10 20; } |
            awk '!seen[$0]++') ;;
    --category)
        _flashcoop_lines < <({ printf '%s\n' ingredients packaging stand \
            transport communication other; _flashcoop_column ledger.csv category; } |
            awk '!seen[$0]++') ;;
    --gender) _flashcoop_lines < <(_flashcoop_column participants.csv gender) ;;
    --status) _flashcoop_lines < <(_flashcoop_column participants.csv status_at_entry) ;;
    --referrer) _flashcoop_lines < <(_flashcoop_column participants.csv referrer) ;;
    --update | --anonymise) _flashcoop_lines < <(_flashcoop_participants) ;;
    --contract-type) _flashcoop_match CAPE CESA CDD other ;;
    --education) _flashcoop_match none 3 4 5 6 7 8 ;;
    --qpv | --disability) _flashcoop_match yes no ;;
    --exit-status | --status-6-months)
        _flashcoop_match employment training job-search other ;;
    --exit-date) _flashcoop_dates ;;
    --role)
        _flashcoop_lines < <({ printf '%s\n' production sale accounts \
            communication; _flashcoop_column hours.csv role; } |
            awk 'NF && !seen[$0]++') ;;
    --days) _flashcoop_match 7 ;;
    --start | --end) _flashcoop_dates ;;
    # Free text and numbers: nothing to offer.
    --name | --id | --activity | --host | --event | --contract | \
    --birth-year | --reason | --note | --ref | --qty | --price | \
    --amount | --vat-amount | --hours | --terminal) ;;
    *) return 1 ;;
    esac
    return 0
}

# _flashcoop_args: the words after the command that are not options nor
# option values, in $args (an array); options that take a value are in
# $valued.
_flashcoop_args()
{
    local i w
    args=()
    for ((i = 1; i < COMP_CWORD; i++)); do
        w=${COMP_WORDS[i]}
        if [[ ${COMP_WORDS[i + 1]} == = ]]; then
            ((i += 2))      # --opt=value, split at "=" by COMP_WORDBREAKS
        elif [[ $w == -?* ]]; then
            [[ $w != *=* && " $valued " == *" $w "* ]] && ((i++))
        else
            args+=("$w")
        fi
    done
}

_flashcoop()
{
    local cmd=${1##*/} cur prev project='' valued='' args=() i opt
    COMPREPLY=()
    cur=${COMP_WORDS[COMP_CWORD]}
    prev=
    ((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}
    # --opt=value: bash splits it at "=" (COMP_WORDBREAKS).
    if [[ $cur == = ]]; then
        cur=
    elif [[ $prev == = ]] && ((COMP_CWORD > 1)); then
        prev=${COMP_WORDS[COMP_CWORD - 2]}
    elif [[ $cur == --*=* ]]; then
        # COMP_WORDBREAKS without "=": complete after it, keep it.
        prev=${cur%%=*}
        cur=${cur#*=}
        opt=$prev=
        _flashcoop_project
        _flashcoop_complete_value "$cmd" "$prev"
        for i in "${!COMPREPLY[@]}"; do COMPREPLY[i]=$opt${COMPREPLY[i]}; done
        return 0
    fi
    _flashcoop_project
    _flashcoop_complete_value "$cmd" "$prev" && return 0
    _flashcoop_complete_word "$cmd"
    return 0
}

# The reports of flashcoop-report, as the table of lib/reports.c has them
# (tests/cli/t0590-report-table.sh checks that they agree): their names,
# then the values of --format and the dimensions of --by of those that
# have them.  A first word that names no report is a folder, the report
# then summary or any other: every dimension is offered.
_flashcoop_reports="summary sales charges hours participants funders payroll cash z balance general-ledger income stock trace entries bilan attestation workbook labels"
_flashcoop_report_valued="-C --by --format --from --to -o --output --participant --csv-dialect --lot --charge"

# _flashcoop_report_formats REPORT, _flashcoop_report_dims REPORT.
_flashcoop_report_formats()
{
    case $1 in
    entries) echo fec ledger hledger csv xlsx ;;
    bilan) echo html ;;
    attestation) echo html text ;;
    workbook) echo xlsx ;;
    labels) echo html ;;
    *) echo text csv json xlsx ;;
    esac
}
_flashcoop_report_dims()
{
    case $1 in
    sales) echo day product category payment participant vat ;;
    charges) echo day category payment vat ;;
    hours) echo day participant role ;;
    stock) echo product lot ;;
    *) [[ " $_flashcoop_reports " == *" $1 "* && -n $1 ]] ||
        echo day product category payment participant vat ;;
    esac
}

# _flashcoop_complete_value CMD PREV: complete the value of option PREV;
# returns 1 when PREV takes no value.
_flashcoop_complete_value()
{
    local cmd=$1 prev=$2
    case $cmd:$prev in
    flashcoop-record:--by) _flashcoop_lines < <(_flashcoop_participants); return 0 ;;
    flashcoop-record:--payment)
        # a deposit takes cash, cheques or card receipts to the bank
        local i
        for ((i = 1; i < COMP_CWORD; i++)); do
            [[ ${COMP_WORDS[i]} == deposit ]] || continue
            _flashcoop_match cash cheque card
            return 0
        done
        _flashcoop_match cash card cheque transfer other
        return 0 ;;
    flashcoop-close:--day) _flashcoop_dates; return 0 ;;
    flashcoop-check:--archive) _flashcoop_files; return 0 ;;
    flashcoop-record:--batch) _flashcoop_match -; _flashcoop_files; return 0 ;;
    flashcoop-report:--format)
        valued=$_flashcoop_report_valued
        _flashcoop_args
        # shellcheck disable=SC2046 # a list of plain words
        _flashcoop_match $(_flashcoop_report_formats "${args[0]}")
        return 0 ;;
    flashcoop-report:--by)
        local dims
        valued=$_flashcoop_report_valued
        _flashcoop_args
        dims=$(_flashcoop_report_dims "${args[0]}")
        # shellcheck disable=SC2086 # a list of plain words
        [[ -n $dims ]] && _flashcoop_list $dims
        return 0 ;;
    flashcoop-report:-o | flashcoop-report:--output) _flashcoop_files; return 0 ;;
    flashcoop-report:--csv-dialect) _flashcoop_match rfc4180 excel-fr; return 0 ;;
    esac
    _flashcoop_value "$prev"
}

# _flashcoop_complete_word CMD: complete a word that is no option value.
_flashcoop_complete_word()
{
    local cmd=$1 sub
    case $cmd in
    flashcoop-init)
        valued="-C --name --start --end --days --id --activity --host --event --terminal"
        if [[ $cur == -* ]]; then
            _flashcoop_options -C --name --start --end --days --id --activity \
                --host --event --terminal --chain -h --help --version
        else
            _flashcoop_args
            ((${#args[@]} == 0)) && _flashcoop_dirs
        fi ;;
    flashcoop-enroll)
        local line=" ${COMP_WORDS[*]:1:COMP_CWORD-1} "
        local fields="--contract --contract-type --gender --birth-year --status --referrer --note --education --qpv --disability"
        local outcomes="--exit-status --exit-date --status-6-months"
        valued="-C --date --withdraw --reason --update --anonymise $fields $outcomes"
        if [[ $line == *" --list "* || $line == *" --anonymise"[\ =]* ]]; then
            return
        elif [[ $line == *" --withdraw"[\ =]* ]]; then
            [[ $cur == -* ]] && _flashcoop_options -C --date --reason
        elif [[ $line == *" --update"[\ =]* ]]; then
            # shellcheck disable=SC2086 # lists of plain words
            [[ $cur == -* ]] && _flashcoop_options -C $fields $outcomes
        elif [[ $cur == -* ]]; then
            _flashcoop_args
            if ((${#args[@]})); then
                # shellcheck disable=SC2086
                _flashcoop_options -C --date $fields
            else
                # shellcheck disable=SC2086
                _flashcoop_options -C --date $fields --withdraw --reason \
                    --update --anonymise --list -h --help --version
            fi
        fi ;;
    flashcoop-record)
        # The subcommand: the first word that is no option before it.
        local i w
        sub=
        for ((i = 1; i < COMP_CWORD; i++)); do
            w=${COMP_WORDS[i]}
            case $w in
            -C) ((i++)) ;;
            --batch*) sub=--batch; break ;;
            -*) ;;
            *) sub=$w; break ;;
            esac
        done
        local common="--date --ref --note"
        case $sub in
        "")
            if [[ $cur == -* ]]; then
                _flashcoop_options -C --batch -h --help --version
            else
                _flashcoop_match sale charge hours count deposit lot loss void
            fi ;;
        --batch)
            valued=-C
            _flashcoop_args
            [[ $cur == -* ]] || ((${#args[@]})) || { _flashcoop_match -; _flashcoop_files; } ;;
        sale)
            # shellcheck disable=SC2086
            [[ $cur == -* ]] && _flashcoop_options --product --qty --price \
                --vat --payment --by --lot $common ;;
        charge)
            # --vat and --vat-amount come in pairs, once a rate of the
            # receipt: offered again whatever the line holds
            # shellcheck disable=SC2086
            if [[ $cur == -* ]]; then
                _flashcoop_options --amount --category --payment $common
                _flashcoop_match --vat --vat-amount
            fi ;;
        hours)
            # shellcheck disable=SC2086
            [[ $cur == -* ]] && _flashcoop_options --participant --hours --role $common ;;
        count)
            [[ $cur == -* ]] && _flashcoop_options --amount --date --note ;;
        lot)
            [[ $cur == -* ]] && _flashcoop_options --product --qty --uses --date --note ;;
        loss)
            [[ $cur == -* ]] && _flashcoop_options --product --qty --reason --lot \
                --date --note ;;
        deposit)
            # shellcheck disable=SC2086
            [[ $cur == -* ]] && _flashcoop_options --amount --payment $common ;;
        void)
            valued="-C --reason"
            _flashcoop_args
            if [[ $cur == -* ]]; then
                _flashcoop_options --reason
            elif ((${#args[@]} < 2)); then
                _flashcoop_lines < <(_flashcoop_voidable)
            fi ;;
        esac ;;
    flashcoop-close)
        local line=" ${COMP_WORDS[*]:1:COMP_CWORD-1} "
        if [[ $line == *" --day "* ]]; then
            [[ $cur == -* ]] && _flashcoop_options -C
        elif [[ $cur == -* ]]; then
            _flashcoop_options -C --dry-run --date --names --allow-uncounted \
                --allow-unclosed --day -h --help --version
        fi ;;
    flashcoop-check)
        if [[ $cur == -* ]]; then
            _flashcoop_options -v -C --archive -h --help --version
        else
            _flashcoop_dirs
        fi ;;
    flashcoop-report)
        valued=$_flashcoop_report_valued
        _flashcoop_args
        if [[ $cur == -* ]]; then
            case ${args[0]} in
            entries)
                _flashcoop_options -C --format --detail --with-closing -o \
                    --keep-going ;;
            balance | general-ledger | income)
                _flashcoop_options -C --format --with-closing -o --csv-dialect \
                    --keep-going ;;
            bilan) _flashcoop_options -C --format -o --names --keep-going ;;
            attestation)
                _flashcoop_options -C --participant --format -o --keep-going ;;
            payroll) _flashcoop_options -C --format -o --csv-dialect --keep-going ;;
            *)
                _flashcoop_options -C --by --format -o --csv-dialect --from \
                    --to --names --keep-going -h --help --version ;;
            esac
        else
            if ((${#args[@]} == 0)) && [[ $cur != */* ]]; then
                local r
                for r in $_flashcoop_reports; do
                    _flashcoop_match "$r"
                done
            fi
            _flashcoop_dirs
        fi ;;
    esac
}

complete -F _flashcoop flashcoop-init flashcoop-enroll flashcoop-record \
    flashcoop-close flashcoop-check flashcoop-report

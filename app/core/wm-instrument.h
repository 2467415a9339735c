/* wm-instrument.h — an assessment instrument read from its definition file
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define WM_INSTRUMENT_ERROR (wm_instrument_error_quark ())

/* Messages in this domain name the file, the part of the definition (item,
 * section, domain…) and the fault, and say what to change. A definition
 * carries no personal data, so naming its ids is safe; an answer set may,
 * so messages about answers name the item, never the value. */
typedef enum
{
  WM_INSTRUMENT_ERROR_READ,        /* the file cannot be read, or is not JSON */
  WM_INSTRUMENT_ERROR_INVALID,     /* the definition breaks a rule of the format */
  WM_INSTRUMENT_ERROR_NOT_FOUND,   /* no definition with that id and version */
  WM_INSTRUMENT_ERROR_ANSWER,      /* an answer of the wrong type or outside the item's options */
} WmInstrumentError;

GQuark wm_instrument_error_quark (void);

/* The format this Waymark reads ("format" in the file); a newer one is
 * refused, so an old program never half-reads a definition it does not
 * understand. */
#define WM_INSTRUMENT_FORMAT 1

/* The answer every item but a tick box and free text may take. */
#define WM_INSTRUMENT_NOT_KNOWN "not-known"

typedef enum
{
  WM_ITEM_YES_NO_NOT_KNOWN,  /* s: "yes", "no", "not-known" */
  WM_ITEM_BOOLEAN,           /* b: a tick box */
  WM_ITEM_SCALE,             /* s: a level of an ordinal scale */
  WM_ITEM_CHOICE,            /* s: one option */
  WM_ITEM_MULTIPLE_CHOICE,   /* as: any of the options */
  WM_ITEM_DATE,              /* s: YYYY-MM-DD */
  WM_ITEM_NUMBER,            /* i: a whole number, within min and max */
  WM_ITEM_TEXT,              /* s: free text */
} WmItemType;

typedef struct _WmInstrumentSection    WmInstrumentSection;
typedef struct _WmInstrumentItem       WmInstrumentItem;
typedef struct _WmInstrumentDomain     WmInstrumentDomain;
typedef struct _WmInstrumentJudgement  WmInstrumentJudgement;

/* Every text field below is the untranslated English of the definition:
 * show it through wm_instrument_gettext(), which looks it up in the
 * definition's translation domain. Everything is owned by the instrument
 * and lives as long as it does. */

typedef struct
{
  char *id;
  char *label;
  char *help;     /* or NULL */
} WmInstrumentOption;

/* A list of options or levels. For an ordinal scale the order means
 * something: lowest first. */
typedef struct
{
  char      *id;
  GPtrArray *options;  /* WmInstrumentOption */
} WmInstrumentScale;

typedef enum
{
  WM_CONDITION_EQUALS,          /* item's answer is values[0] */
  WM_CONDITION_ONE_OF,          /* item's answer is one of values */
  WM_CONDITION_INCLUDES,        /* a multiple choice item's answer has values[0] */
  WM_CONDITION_ANY_SELECTED,    /* a multiple choice item's answer is not empty */
  WM_CONDITION_DOMAIN_AT_LEAST, /* a domain's score is at least number */
  WM_CONDITION_AGE_UNDER,       /* the young person is younger than number */
} WmConditionKind;

typedef struct
{
  WmConditionKind         kind;
  const WmInstrumentItem *item;     /* item conditions */
  const WmInstrumentDomain *domain; /* WM_CONDITION_DOMAIN_AT_LEAST */
  GStrv                   values;   /* answers as strings: option ids, "true"/"false" */
  int                     number;
} WmInstrumentCondition;

struct _WmInstrumentItem
{
  char                     *id;
  WmItemType                type;
  char                     *label;
  char                     *help;         /* or NULL */
  gboolean                  required;
  const WmInstrumentSection *section;
  guint                     index;        /* position among all items, in document order */
  const WmInstrumentScale  *options;      /* scale, choice, multiple choice; yes/no/not known */
  int                       min;          /* number */
  int                       max;
  WmInstrumentCondition    *shown_when;   /* or NULL: always shown */
};

struct _WmInstrumentSection
{
  char      *id;
  char      *title;
  char      *help;    /* or NULL */
  GPtrArray *items;   /* WmInstrumentItem, borrowed from the instrument */
};

/* One item's part in a domain score: the weight each answer adds. */
typedef struct
{
  const WmInstrumentItem *item;
  GStrv                   answers;  /* option ids, or "true"/"false" for a tick box */
  int                    *weights;  /* as many as answers */
} WmInstrumentDomainTerm;

/* A range of domain scores, min to max inclusive, and what it suggests. */
typedef struct
{
  int       min;
  int       max;
  char     *label;
  char     *level;  /* a level of the domain's scale, or NULL */
  gboolean  flag;   /* draw attention to it (the ACE count's 4+) */
} WmInstrumentBand;

struct _WmInstrumentDomain
{
  char                    *id;
  char                    *label;
  char                    *note;      /* or NULL: to show wherever the score is shown */
  GPtrArray               *terms;     /* WmInstrumentDomainTerm */
  GPtrArray               *bands;     /* WmInstrumentBand, lowest first; may be empty */
  const WmInstrumentScale *scale;     /* the scale the bands' levels belong to, or NULL */
  int                      min_score; /* the lowest and highest score the answers can make */
  int                      max_score;
};

struct _WmInstrumentJudgement
{
  char                     *id;
  char                     *label;
  char                     *help;          /* or NULL */
  const WmInstrumentScale  *scale;
  const WmInstrumentDomain *suggested_by;  /* or NULL: no suggestion, the caseworker decides */
  gboolean                  required;
};

/* When all of @all hold and, if @any is not empty, one of @any does, the
 * judgement may not be rated below @at_least. */
typedef struct
{
  char                        *id;
  char                        *message;
  const WmInstrumentJudgement *judgement;
  const char                  *at_least;  /* a level of the judgement's scale */
  guint                        at_least_index;
  GPtrArray                   *all;       /* WmInstrumentCondition */
  GPtrArray                   *any;       /* WmInstrumentCondition */
} WmInstrumentConstraint;

typedef struct
{
  char *citation;  /* as published; not translated */
  char *url;       /* or NULL */
  char *licence;   /* or NULL: "Open Government Licence v3.0" */
  char *note;      /* or NULL: translatable, what was taken from it and how */
} WmInstrumentSource;

#define WM_TYPE_INSTRUMENT (wm_instrument_get_type ())
G_DECLARE_FINAL_TYPE (WmInstrument, wm_instrument, WM, INSTRUMENT, GObject)

WmInstrument                *wm_instrument_new_from_file          (const char            *path,
                                                                   GError               **error);
WmInstrument                *wm_instrument_new_from_data          (const char            *data,
                                                                   gssize                 length,
                                                                   const char            *file_name,
                                                                   GError               **error);

const char                  *wm_instrument_get_id                 (WmInstrument          *self);
guint                        wm_instrument_get_version            (WmInstrument          *self);
const char                  *wm_instrument_get_title              (WmInstrument          *self);
const char                  *wm_instrument_get_description        (WmInstrument          *self);
const char                  *wm_instrument_get_translation_domain (WmInstrument          *self);
const char                  *wm_instrument_get_file               (WmInstrument          *self);
GPtrArray                   *wm_instrument_get_sources            (WmInstrument          *self);
GPtrArray                   *wm_instrument_get_sections           (WmInstrument          *self);
GPtrArray                   *wm_instrument_get_items              (WmInstrument          *self);
GPtrArray                   *wm_instrument_get_domains            (WmInstrument          *self);
GPtrArray                   *wm_instrument_get_judgements         (WmInstrument          *self);
GPtrArray                   *wm_instrument_get_constraints        (WmInstrument          *self);
const WmInstrumentItem      *wm_instrument_find_item              (WmInstrument          *self,
                                                                   const char            *id);
const WmInstrumentDomain    *wm_instrument_find_domain            (WmInstrument          *self,
                                                                   const char            *id);
const WmInstrumentJudgement *wm_instrument_find_judgement         (WmInstrument          *self,
                                                                   const char            *id);
const char                  *wm_instrument_gettext                (WmInstrument          *self,
                                                                   const char            *text);

const WmInstrumentOption    *wm_instrument_scale_find             (const WmInstrumentScale *scale,
                                                                   const char            *id);
int                          wm_instrument_scale_index            (const WmInstrumentScale *scale,
                                                                   const char            *id);

const char                  *wm_item_type_to_string               (WmItemType             type);
const GVariantType          *wm_item_type_get_variant_type        (WmItemType             type);

G_END_DECLS

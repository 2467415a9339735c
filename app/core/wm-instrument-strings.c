/* wm-instrument-strings.c — the shipped instruments' text, for xgettext
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Written by data/instruments/extract-strings.py from the definitions in data/instruments:
 * change the definitions and run it again rather than editing this file.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "wm-instrument-private.h"

const char *const wm_instrument_shipped_strings[] = {
  /* ace-1 ace: title (and more) */
  N_("Adverse childhood experiences (ACE)"),
  /* ace-1 ace: description */
  N_("Version 1: the record Waymark kept before instruments were definition files. Records which of the ten adverse childhood experiences of the CDC-Kaiser study are known or have been disclosed. The count points to support; it is not a prediction about this young person."),
  /* ace-1 ace: note (and more) */
  N_("The ten categories, as the CDC-Kaiser Permanente ACE study defines them. The wording of the items is Waymark’s own."),
  /* ace-1 ace: note (and more) */
  N_("The source of the 4+ marker: adults who reported four or more ACEs were far more likely to have been victims and perpetrators of violence. That study counted nine categories, without neglect, and counted household alcohol and drug use as two; this instrument counts the ten CDC-Kaiser categories, so its count is not the same measure."),
  /* ace-1 ace: note (and more) */
  N_("In England, adults with four or more ACEs had adjusted odds of 7.71 of having perpetrated violence in the last year, against those with none."),
  /* ace-1 ace: note (and more) */
  N_("A child who sees, hears or experiences the effects of domestic abuse is a victim of it in their own right."),
  /* ace-1 ace ace-answer yes: label (and more) */
  N_("Known or disclosed"),
  /* ace-1 ace ace-answer not-known: label (and more) */
  N_("Not known"),
  /* ace-1 ace ace-answer no: label (and more) */
  N_("No"),
  /* ace-1 ace abuse: title (and more) */
  N_("Abuse"),
  /* ace-1 ace abuse: help (and more) */
  N_("Record what is known or has been disclosed. Do not question the young person to complete this page."),
  /* ace-1 ace abuse emotional-abuse: label (and more) */
  N_("Emotional abuse"),
  /* ace-1 ace abuse emotional-abuse: help (and more) */
  N_("Repeatedly sworn at, insulted, humiliated or made to feel afraid by an adult at home."),
  /* ace-1 ace abuse physical-abuse: label (and more) */
  N_("Physical abuse"),
  /* ace-1 ace abuse physical-abuse: help (and more) */
  N_("Hit, slapped, pushed or hurt by an adult at home."),
  /* ace-1 ace abuse sexual-abuse: label (and more) */
  N_("Sexual abuse"),
  /* ace-1 ace abuse sexual-abuse: help (and more) */
  N_("Touched sexually, or made to do something sexual, by someone at least five years older."),
  /* ace-1 ace household: title (and more) */
  N_("Household"),
  /* ace-1 ace household domestic-violence: label (and more) */
  N_("Domestic abuse in the household"),
  /* ace-1 ace household domestic-violence: help (and more) */
  N_("Lived with domestic abuse between adults at home. A child who sees, hears or experiences its effects is a victim of it in their own right (Domestic Abuse Act 2021)."),
  /* ace-1 ace household household-substance-misuse: label (and more) */
  N_("Household substance misuse"),
  /* ace-1 ace household household-substance-misuse: help (and more) */
  N_("Lived with someone who misused alcohol or drugs."),
  /* ace-1 ace household household-mental-illness: label (and more) */
  N_("Household mental illness"),
  /* ace-1 ace household household-mental-illness: help (and more) */
  N_("Lived with someone who was depressed, mentally ill or who attempted suicide."),
  /* ace-1 ace household parental-separation: label (and more) */
  N_("Parents separated or divorced"),
  /* ace-1 ace household parental-separation: help (and more) */
  N_("Parents separated or divorced, or a parent left the household."),
  /* ace-1 ace household household-imprisonment: label (and more) */
  N_("Household member in prison"),
  /* ace-1 ace household household-imprisonment: help (and more) */
  N_("A member of the household went to prison."),
  /* ace-1 ace neglect: title (and more) */
  N_("Neglect"),
  /* ace-1 ace neglect emotional-neglect: label (and more) */
  N_("Emotional neglect"),
  /* ace-1 ace neglect emotional-neglect: help (and more) */
  N_("Felt unloved, unimportant or unsupported by the family."),
  /* ace-1 ace neglect physical-neglect: label (and more) */
  N_("Physical neglect"),
  /* ace-1 ace neglect physical-neglect: help (and more) */
  N_("Went without enough food, clean clothes or care, or was not taken to the doctor when needed."),
  /* ace-1 ace ace-count: label (and more) */
  N_("ACE count"),
  /* ace-1 ace ace-count: note (and more) */
  N_("A population measure: across many people, more ACEs go with worse outcomes. It points to support, and says nothing certain about this young person. “Not known” counts as nothing, so a low count with many unknowns is not reassuring."),
  /* ace-1 ace ace-count: label (and more) */
  N_("Fewer than four ACEs known"),
  /* ace-1 ace ace-count: label (and more) */
  N_("Four or more ACEs known"),
  /* ace-2 ace: description */
  N_("Records which of the ten adverse childhood experiences of the CDC-Kaiser study are known or have been disclosed. The count points to support; it is not a prediction about this young person."),
  /* ace-2 ace in-their-words: title (and more) */
  N_("In their own words"),
  /* ace-2 ace in-their-words own-words: help */
  N_("What the young person wants said about their experiences, as they said it."),
  /* diversion-risk-needs-1 diversion-risk-needs: title (and more) */
  N_("Diversion risk and needs"),
  /* diversion-risk-needs-1 diversion-risk-needs: description */
  N_("Version 1: the record Waymark kept before instruments were definition files. Its items were never scored; the caseworker made each judgement."),
  /* diversion-risk-needs-1 diversion-risk-needs: note (and more) */
  N_("The exploitation indicators are the signs this guidance lists, in Waymark’s own short wording. Contains public sector information licensed under the Open Government Licence v3.0."),
  /* diversion-risk-needs-1 diversion-risk-needs risk low: label (and more) */
  N_("Low"),
  /* diversion-risk-needs-1 diversion-risk-needs risk medium: label (and more) */
  N_("Medium"),
  /* diversion-risk-needs-1 diversion-risk-needs risk high: label (and more) */
  N_("High"),
  /* diversion-risk-needs-1 diversion-risk-needs risk very-high: label (and more) */
  N_("Very high"),
  /* diversion-risk-needs-1 diversion-risk-needs exploitation none: label (and more) */
  N_("None"),
  /* diversion-risk-needs-1 diversion-risk-needs exploitation emerging: label (and more) */
  N_("Emerging"),
  /* diversion-risk-needs-1 diversion-risk-needs exploitation moderate: label (and more) */
  N_("Moderate"),
  /* diversion-risk-needs-1 diversion-risk-needs exploitation significant: label (and more) */
  N_("Significant"),
  /* diversion-risk-needs-1 diversion-risk-needs intervention light-touch: label (and more) */
  N_("Light touch"),
  /* diversion-risk-needs-1 diversion-risk-needs intervention targeted: label (and more) */
  N_("Targeted"),
  /* diversion-risk-needs-1 diversion-risk-needs intervention intensive: label (and more) */
  N_("Intensive"),
  /* diversion-risk-needs-1 diversion-risk-needs substance-use-v1 none: label (and more) */
  N_("None known"),
  /* diversion-risk-needs-1 diversion-risk-needs substance-use-v1 experimenting: label (and more) */
  N_("Experimenting"),
  /* diversion-risk-needs-1 diversion-risk-needs substance-use-v1 regular: label (and more) */
  N_("Regular use"),
  /* diversion-risk-needs-1 diversion-risk-needs substance-use-v1 dependent: label (and more) */
  N_("Dependent"),
  /* diversion-risk-needs-1 diversion-risk-needs circumstances: title (and more) */
  N_("Circumstances and diversity"),
  /* diversion-risk-needs-1 diversion-risk-needs circumstances learning-disability: label (and more) */
  N_("Learning disability"),
  /* diversion-risk-needs-1 diversion-risk-needs education: title (and more) */
  N_("Education"),
  /* diversion-risk-needs-1 diversion-risk-needs education education in-education: label */
  N_("In education"),
  /* diversion-risk-needs-1 diversion-risk-needs education education at-risk-of-exclusion: label */
  N_("At risk of exclusion"),
  /* diversion-risk-needs-1 diversion-risk-needs education education excluded: label */
  N_("Excluded"),
  /* diversion-risk-needs-1 diversion-risk-needs education education in-training-or-work: label */
  N_("In training or work"),
  /* diversion-risk-needs-1 diversion-risk-needs education education neet: label (and more) */
  N_("Not in education, employment or training"),
  /* diversion-risk-needs-1 diversion-risk-needs substance-use: title (and more) */
  N_("Substance use"),
  /* diversion-risk-needs-1 diversion-risk-needs mental-health: title (and more) */
  N_("Mental health and wellbeing"),
  /* diversion-risk-needs-1 diversion-risk-needs mental-health mental-health-concern: label */
  N_("Mental health concern"),
  /* diversion-risk-needs-1 diversion-risk-needs exploitation: title (and more) */
  N_("Exploitation and safety"),
  /* diversion-risk-needs-1 diversion-risk-needs exploitation exploitation-indicators: label (and more) */
  N_("Exploitation indicators"),
  /* diversion-risk-needs-1 diversion-risk-needs exploitation exploitation-indicators missing-episodes: label */
  N_("Goes missing from home or care"),
  /* diversion-risk-needs-1 diversion-risk-needs exploitation exploitation-indicators found-out-of-area: label */
  N_("Found out of area"),
  /* diversion-risk-needs-1 diversion-risk-needs exploitation exploitation-indicators unexplained-money: label (and more) */
  N_("Unexplained money, clothes or phones"),
  /* diversion-risk-needs-1 diversion-risk-needs exploitation exploitation-indicators multiple-phones: label (and more) */
  N_("More than one phone"),
  /* diversion-risk-needs-1 diversion-risk-needs exploitation exploitation-indicators carrying-weapons: label */
  N_("Carries weapons"),
  /* diversion-risk-needs-1 diversion-risk-needs exploitation exploitation-indicators controlling-relationships: label */
  N_("Older or controlling relationships"),
  /* diversion-risk-needs-1 diversion-risk-needs exploitation exploitation-indicators unexplained-injuries: label (and more) */
  N_("Unexplained injuries"),
  /* diversion-risk-needs-1 diversion-risk-needs exploitation exploitation-indicators school-decline: label (and more) */
  N_("Sudden decline at school"),
  /* diversion-risk-needs-1 diversion-risk-needs exploitation exploitation-indicators self-harm: label */
  N_("Self-harm or change in wellbeing"),
  /* diversion-risk-needs-1 diversion-risk-needs strengths: title (and more) */
  N_("Strengths and protective factors"),
  /* diversion-risk-needs-1 diversion-risk-needs safety-wellbeing: label (and more) */
  N_("Safety and wellbeing"),
  /* diversion-risk-needs-1 diversion-risk-needs serious-harm: label (and more) */
  N_("Risk of serious harm"),
  /* diversion-risk-needs-1 diversion-risk-needs serious-harm: help (and more) */
  N_("Risk of serious harm to others."),
  /* diversion-risk-needs-1 diversion-risk-needs exploitation: label (and more) */
  N_("Exploitation risk"),
  /* diversion-risk-needs-1 diversion-risk-needs intervention-level: label (and more) */
  N_("Intervention level"),
  /* diversion-risk-needs-1 diversion-risk-needs exploitation-floor: message (and more) */
  N_("Exploitation risk cannot be rated below moderate for a child under 13 or with a learning disability when an exploitation indicator is present. Rate it moderate or significant."),
  /* diversion-risk-needs-2 diversion-risk-needs: description */
  N_("Waymark’s own structured professional judgement tool for young people referred for diversion. The scores suggest; the caseworker decides, and says why when the decision departs from the suggestion."),
  /* diversion-risk-needs-2 diversion-risk-needs: note */
  N_("The shape of the domains follows this tool; none of its wording is used."),
  /* diversion-risk-needs-2 diversion-risk-needs substance-frequency occasional: label */
  N_("Occasional use"),
  /* diversion-risk-needs-2 diversion-risk-needs circumstances send: label */
  N_("Special educational needs and disabilities (SEND)"),
  /* diversion-risk-needs-2 diversion-risk-needs circumstances send sen-support: label */
  N_("SEN support"),
  /* diversion-risk-needs-2 diversion-risk-needs circumstances send ehcp: label */
  N_("Education, health and care plan (EHCP)"),
  /* diversion-risk-needs-2 diversion-risk-needs circumstances speech-language-communication: label */
  N_("Speech, language and communication needs"),
  /* diversion-risk-needs-2 diversion-risk-needs circumstances neurodivergence: label */
  N_("Neurodivergence, diagnosed or suspected"),
  /* diversion-risk-needs-2 diversion-risk-needs circumstances care-status: label */
  N_("Children’s social care"),
  /* diversion-risk-needs-2 diversion-risk-needs circumstances care-status early-help: label */
  N_("Early help"),
  /* diversion-risk-needs-2 diversion-risk-needs circumstances care-status child-in-need: label */
  N_("Child in need"),
  /* diversion-risk-needs-2 diversion-risk-needs circumstances care-status child-protection-plan: label */
  N_("Child protection plan"),
  /* diversion-risk-needs-2 diversion-risk-needs circumstances care-status looked-after: label */
  N_("Looked after"),
  /* diversion-risk-needs-2 diversion-risk-needs circumstances care-status care-leaver: label */
  N_("Care leaver"),
  /* diversion-risk-needs-2 diversion-risk-needs circumstances young-carer: label */
  N_("Young carer"),
  /* diversion-risk-needs-2 diversion-risk-needs family: title */
  N_("Family and relationships"),
  /* diversion-risk-needs-2 diversion-risk-needs family family-conflict: label */
  N_("Conflict or breakdown in family relationships"),
  /* diversion-risk-needs-2 diversion-risk-needs family family-domestic-abuse: label */
  N_("Domestic abuse at home"),
  /* diversion-risk-needs-2 diversion-risk-needs family family-offending: label */
  N_("A family member involved in offending"),
  /* diversion-risk-needs-2 diversion-risk-needs family trusted-adult: label */
  N_("Has a trusted adult in their life"),
  /* diversion-risk-needs-2 diversion-risk-needs housing: title */
  N_("Housing"),
  /* diversion-risk-needs-2 diversion-risk-needs housing housing-situation: label */
  N_("Where they live"),
  /* diversion-risk-needs-2 diversion-risk-needs housing housing-situation stable: label */
  N_("Stable, with family or carers"),
  /* diversion-risk-needs-2 diversion-risk-needs housing housing-situation supported: label */
  N_("Supported accommodation or a care placement"),
  /* diversion-risk-needs-2 diversion-risk-needs housing housing-situation unstable: label */
  N_("Unstable or temporary"),
  /* diversion-risk-needs-2 diversion-risk-needs housing housing-situation homeless: label */
  N_("Homeless or sofa-surfing"),
  /* diversion-risk-needs-2 diversion-risk-needs education: title */
  N_("Education, training and employment"),
  /* diversion-risk-needs-2 diversion-risk-needs education education-concerns: label */
  N_("What applies now"),
  /* diversion-risk-needs-2 diversion-risk-needs education education-concerns: help */
  N_("Leave empty when none applies."),
  /* diversion-risk-needs-2 diversion-risk-needs education education-concerns suspended: label */
  N_("Suspended"),
  /* diversion-risk-needs-2 diversion-risk-needs education education-concerns permanently-excluded: label */
  N_("Permanently excluded"),
  /* diversion-risk-needs-2 diversion-risk-needs education education-concerns alternative-provision: label */
  N_("Alternative provision or pupil referral unit"),
  /* diversion-risk-needs-2 diversion-risk-needs education education-concerns elective-home-education: label */
  N_("Elective home education"),
  /* diversion-risk-needs-2 diversion-risk-needs education education-concerns missing-education: label */
  N_("Missing education"),
  /* diversion-risk-needs-2 diversion-risk-needs education education-concerns reduced-timetable: label */
  N_("Reduced timetable"),
  /* diversion-risk-needs-2 diversion-risk-needs education education-concerns persistent-absence: label */
  N_("Persistent absence"),
  /* diversion-risk-needs-2 diversion-risk-needs physical-health: title */
  N_("Physical health"),
  /* diversion-risk-needs-2 diversion-risk-needs physical-health physical-health-concern: label */
  N_("A physical health need that affects daily life"),
  /* diversion-risk-needs-2 diversion-risk-needs physical-health physical-health-details: label */
  N_("What the need is and what support is in place"),
  /* diversion-risk-needs-2 diversion-risk-needs mental-health mental-health-concern: label */
  N_("Concern about mental health or wellbeing"),
  /* diversion-risk-needs-2 diversion-risk-needs mental-health mental-health-service: label */
  N_("Known to CAMHS or another mental health service"),
  /* diversion-risk-needs-2 diversion-risk-needs substance-use substance-use-known: label */
  N_("Known use of alcohol or drugs"),
  /* diversion-risk-needs-2 diversion-risk-needs substance-use substance-use-known: help */
  N_("Answer “No” when there is no known use."),
  /* diversion-risk-needs-2 diversion-risk-needs substance-use substances: label */
  N_("What they use"),
  /* diversion-risk-needs-2 diversion-risk-needs substance-use substances alcohol: label */
  N_("Alcohol"),
  /* diversion-risk-needs-2 diversion-risk-needs substance-use substances cannabis: label */
  N_("Cannabis"),
  /* diversion-risk-needs-2 diversion-risk-needs substance-use substances other-drugs: label */
  N_("Other drugs"),
  /* diversion-risk-needs-2 diversion-risk-needs substance-use substance-frequency: label */
  N_("How often"),
  /* diversion-risk-needs-2 diversion-risk-needs exploitation: help */
  N_("The indicators are the Home Office county lines signs. One alone may have an innocent explanation; together they call for a closer look."),
  /* diversion-risk-needs-2 diversion-risk-needs exploitation exploitation-indicators: label */
  N_("Indicators present"),
  /* diversion-risk-needs-2 diversion-risk-needs exploitation exploitation-indicators: help */
  N_("Leave all unticked when none is present."),
  /* diversion-risk-needs-2 diversion-risk-needs exploitation exploitation-indicators persistently-missing: label */
  N_("Persistently going missing, or found out of area"),
  /* diversion-risk-needs-2 diversion-risk-needs exploitation exploitation-indicators missing-school: label */
  N_("Missing from school"),
  /* diversion-risk-needs-2 diversion-risk-needs exploitation exploitation-indicators excessive-calls: label */
  N_("Excessive calls or texts"),
  /* diversion-risk-needs-2 diversion-risk-needs exploitation exploitation-indicators older-controlling-relationships: label */
  N_("Relationships with older or controlling people"),
  /* diversion-risk-needs-2 diversion-risk-needs exploitation exploitation-indicators carrying-weapons: label */
  N_("Carrying weapons"),
  /* diversion-risk-needs-2 diversion-risk-needs exploitation exploitation-indicators drugs-paraphernalia: label */
  N_("Drugs or drug paraphernalia"),
  /* diversion-risk-needs-2 diversion-risk-needs exploitation exploitation-indicators drug-language: label */
  N_("Using drug-related language"),
  /* diversion-risk-needs-2 diversion-risk-needs exploitation exploitation-indicators unusual-travel: label */
  N_("Unusual travel, such as train tickets or taxis they cannot explain"),
  /* diversion-risk-needs-2 diversion-risk-needs exploitation exploitation-indicators guarded-bag: label */
  N_("A bag they will not let go of"),
  /* diversion-risk-needs-2 diversion-risk-needs exploitation exploitation-indicators isolation-gang: label */
  N_("Isolated from peers, or associating with a gang"),
  /* diversion-risk-needs-2 diversion-risk-needs exploitation exploitation-indicators self-harm: label */
  N_("Self-harm or a marked change in wellbeing"),
  /* diversion-risk-needs-2 diversion-risk-needs exploitation exploitation-indicators financial-exploitation: label */
  N_("Financial exploitation or money muling"),
  /* diversion-risk-needs-2 diversion-risk-needs exploitation exploitation-types: label */
  N_("Kinds of exploitation suspected"),
  /* diversion-risk-needs-2 diversion-risk-needs exploitation exploitation-types criminal: label */
  N_("Criminal"),
  /* diversion-risk-needs-2 diversion-risk-needs exploitation exploitation-types sexual: label */
  N_("Sexual"),
  /* diversion-risk-needs-2 diversion-risk-needs exploitation exploitation-types county-lines: label */
  N_("County lines"),
  /* diversion-risk-needs-2 diversion-risk-needs exploitation exploitation-types cuckooing: label */
  N_("Cuckooing, for adults"),
  /* diversion-risk-needs-2 diversion-risk-needs exploitation exploitation-types financial: label */
  N_("Financial"),
  /* diversion-risk-needs-2 diversion-risk-needs exploitation exploitation-types online: label */
  N_("Online"),
  /* diversion-risk-needs-2 diversion-risk-needs exploitation nrm-status: label */
  N_("National Referral Mechanism"),
  /* diversion-risk-needs-2 diversion-risk-needs exploitation nrm-status not-referred: label */
  N_("Not referred"),
  /* diversion-risk-needs-2 diversion-risk-needs exploitation nrm-status referred: label */
  N_("Referred"),
  /* diversion-risk-needs-2 diversion-risk-needs exploitation nrm-status reasonable-grounds: label */
  N_("Reasonable grounds decision"),
  /* diversion-risk-needs-2 diversion-risk-needs exploitation nrm-status conclusive-grounds: label */
  N_("Conclusive grounds decision"),
  /* diversion-risk-needs-2 diversion-risk-needs exploitation missing-episodes: label */
  N_("Missing episodes in the last three months"),
  /* diversion-risk-needs-2 diversion-risk-needs exploitation return-home-interviews: label */
  N_("A return home interview was held after each episode"),
  /* diversion-risk-needs-2 diversion-risk-needs behaviour: title (and more) */
  N_("Behaviour"),
  /* diversion-risk-needs-2 diversion-risk-needs behaviour violence: label */
  N_("Violence towards others"),
  /* diversion-risk-needs-2 diversion-risk-needs behaviour weapons: label */
  N_("Carrying or using weapons"),
  /* diversion-risk-needs-2 diversion-risk-needs behaviour offending: label */
  N_("Offending"),
  /* diversion-risk-needs-2 diversion-risk-needs behaviour anti-social-behaviour: label */
  N_("Anti-social behaviour"),
  /* diversion-risk-needs-2 diversion-risk-needs peers: title */
  N_("Peers and community"),
  /* diversion-risk-needs-2 diversion-risk-needs peers peers-offending: label */
  N_("Friends involved in offending or violence"),
  /* diversion-risk-needs-2 diversion-risk-needs peers feels-unsafe: label */
  N_("Feels unsafe in their area"),
  /* diversion-risk-needs-2 diversion-risk-needs strengths strengths: label (and more) */
  N_("Strengths"),
  /* diversion-risk-needs-2 diversion-risk-needs strengths strengths positive-activity: label */
  N_("A positive activity, sport or interest"),
  /* diversion-risk-needs-2 diversion-risk-needs strengths strengths engaged-education: label */
  N_("Engaged with education, training or work"),
  /* diversion-risk-needs-2 diversion-risk-needs strengths strengths wants-change: label */
  N_("Wants things to change"),
  /* diversion-risk-needs-2 diversion-risk-needs strengths strengths supportive-friends: label */
  N_("Supportive friends"),
  /* diversion-risk-needs-2 diversion-risk-needs strengths own-words: help */
  N_("What the young person says about their life, their strengths and what they want, as they said it."),
  /* diversion-risk-needs-2 diversion-risk-needs wellbeing: label */
  N_("Safety and wellbeing needs"),
  /* diversion-risk-needs-2 diversion-risk-needs wellbeing: label */
  N_("Few needs"),
  /* diversion-risk-needs-2 diversion-risk-needs wellbeing: label */
  N_("Some needs"),
  /* diversion-risk-needs-2 diversion-risk-needs wellbeing: label */
  N_("Many needs"),
  /* diversion-risk-needs-2 diversion-risk-needs wellbeing: label */
  N_("Very many needs"),
  /* diversion-risk-needs-2 diversion-risk-needs education: label */
  N_("Education, training and employment needs"),
  /* diversion-risk-needs-2 diversion-risk-needs exploitation: note */
  N_("The number of Home Office county lines indicators present."),
  /* diversion-risk-needs-2 diversion-risk-needs exploitation: label */
  N_("No indicators"),
  /* diversion-risk-needs-2 diversion-risk-needs exploitation: label */
  N_("One indicator"),
  /* diversion-risk-needs-2 diversion-risk-needs exploitation: label */
  N_("Two or three indicators"),
  /* diversion-risk-needs-2 diversion-risk-needs exploitation: label */
  N_("Four or more indicators"),
  /* diversion-risk-needs-2 diversion-risk-needs behaviour: label */
  N_("No harmful behaviour known"),
  /* diversion-risk-needs-2 diversion-risk-needs behaviour: label */
  N_("Some harmful behaviour"),
  /* diversion-risk-needs-2 diversion-risk-needs behaviour: label */
  N_("Serious harmful behaviour"),
  /* diversion-risk-needs-2 diversion-risk-needs behaviour: label */
  N_("Violence with weapons"),
  /* diversion-risk-needs-2 diversion-risk-needs strengths: note */
  N_("Strengths are counted, not subtracted: they shape the plan, not the risk."),
  NULL
};

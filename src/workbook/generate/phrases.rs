//! The generator's vocabulary: plausible sentences about partnership working.
//!
//! Privacy rule: nothing here may look like a patient identifier. People appear only by
//! role ("the carer", "the GP"); no names, and no digits at all, so no NHS numbers, dates of
//! birth, phone numbers or postcodes.

pub const TITLES: &[&str] = &[
    "Handover on a busy morning", "MDT discussion about a complex discharge",
    "Carer felt unheard", "Joint visit with occupational therapy",
    "Supervision: managing my caseload", "Delayed discharge over a weekend",
    "A positive risk-taking conversation", "First time chairing the huddle",
    "Medication discrepancy at discharge", "Working with the voluntary sector",
    "Team pressures during sickness absence", "Recognising the team's work",
    "Trying a new referral pathway", "Feedback from a family member",
    "Looking after my own resilience", "Learning from a near miss",
];
pub const SITUATION: &[&str] = &[
    "At the morning handover the night team flagged a change in someone's mobility that nobody had written down.",
    "The MDT meeting ran over and the discharge plan was agreed without the community team in the room.",
    "A carer told me she felt she was repeating the same story to every professional who visited.",
    "Three different services were visiting the same household and none of us knew the others' plans.",
    "Discharge planning started late because the package of care was not requested until the day before.",
    "In supervision I talked through a visit where I had felt out of my depth.",
    "The ward asked for an urgent social work assessment late on a Friday afternoon.",
    "A family member was upset that the care plan had changed without anyone explaining why.",
    "The handover sheet said \"independent with transfers\" but the person needed two staff on the day.",
    "I was asked to chair the team huddle for the first time.",
    "The pharmacist picked up a medication discrepancy at the point of discharge.",
    "A joint visit with the occupational therapist showed me how much I had missed about the home environment.",
    "The person wanted to go home, although the team felt a short stay in intermediate care would be safer.",
    "It was a busy shift - three admissions before ten - and the handover was rushed.",
    "The voluntary sector link worker came to our meeting and described services I had never heard of.",
];
pub const ANALYSIS: &[&str] = &[
    "Looking back, I assumed someone else had made the referral.",
    "I felt frustrated at first, but the other team was under the same pressure as us.",
    "The conversation went better once I stopped trying to solve everything and simply listened.",
    "I noticed that I use more jargon when I am anxious, and the carer lost track of what I was saying.",
    "It was a reminder that the person's own goals should lead the plan, not the service's timetable.",
    "What worked well was that everyone said what they could and could not do, honestly and early.",
    "The risk was real, but so was the risk of keeping someone in hospital longer than they needed.",
    "I was tired and it showed in how short I was with a colleague on the phone.",
    "Working with the district nursing team is much easier now that we have a link worker.",
    "I didn't challenge the decision at the time, and I wish I had asked more questions.",
    "Nobody was at fault; the system made it easy for information to fall between services.",
    "It wasn't a big thing - but it stayed with me all week.",
];
pub const LEARNING: &[&str] = &[
    "I learnt that a five-minute phone call can save a week of emails.",
    "Checking understanding at the end of a handover is worth the extra minute.",
    "Carers are experts in the person they look after, and I need to treat them as partners.",
    "Positive risk-taking needs a clear record of who agreed what and why.",
    "Supervision gave me space to separate my own feelings from the facts of the case.",
    "I understand the hospital social work role much better than I did before.",
    "Small thanks matter: the team noticed when the manager recognised their work.",
    "Resilience for me is less about coping alone and more about asking for help sooner.",
    "Shared documentation only helps if everyone actually reads it.",
    "Asking \"what matters to you?\" changed the whole conversation - it was the first time the person smiled.",
];
pub const NEXT: &[&str] = &[
    "Next time I will ask at the start of the MDT who is missing and whether we need their view.",
    "I plan to shadow a colleague from the reablement team for half a day.",
    "I want to get better at summarising a complex situation in a few plain sentences.",
    "I will bring this to peer supervision to hear how others handle similar conversations.",
    "I'll check the discharge checklist with the ward before the day of discharge, not on it.",
    "I would like to learn more about carers' assessments and who can refer for one.",
    "I will make time to read the local joint strategic needs assessment summary.",
    "We agreed to try a shared huddle with the community team once a week.",
    "I'll ask my supervisor for feedback on how I chair meetings.",
];
/// Sentences with text beyond ASCII, as people really write it.
pub const UNICODE: &[&str] = &[
    "The interpreter taught me to say “Miło mi” – nice to meet you in Polish – and it changed the tone of the visit.",
    "The carer wrote “ধন্যবাদ” on the card, which means thank you in Bengali.",
    "We met in the café at the community centre rather than the clinic, which felt less formal.",
    "A relative said “Görüşürüz” as I left – see you soon in Turkish – and I realised how much the visits meant.",
    "Someone joked about déjà vu at the third handover about the same issue.",
    "The family had left a note saying 谢谢 for the night staff.",
    "Our naïve assumption was that the discharge letter would reach the GP on the same day.",
];
pub const OWN_ACTIVITIES: &[&str] = &[
    "Spend a morning with the hospital discharge team.",
    "Set up a monthly lunch-and-learn with the community team.",
    "Read the local carers' strategy.",
    "Ask to observe a complex case review.",
    "Keep a short log of handover questions for a month.",
    "Join the reflective practice group.",
];
pub const ACTIONS: &[&str] = &[
    "Book a shadowing session with the reablement team",
    "Ask my supervisor for feedback on chairing the MDT",
    "Complete the online module on the Mental Capacity Act",
    "Add a 'who is missing?' check to the MDT agenda",
    "Read the carers' strategy and share three points with the team",
    "Arrange a joint visit with the district nurses",
    "Draft a one-page guide to local voluntary services",
    "Bring the discharge delay to the next team meeting",
    "Take a proper lunch break at least three days a week",
    "Find out how to refer for a carers' assessment",
];
#[rustfmt::skip]
pub const METHODS: &[&str] = &[
    "reflective practice", "supervision", "course", "peer discussion", "reading",
];
pub const EMOJI: &[&str] = &["🙂", "👍", "💪"];

pub const CODE_THEMES: &[&str] = &[
    "prioritise-people",
    "practise-effectively",
    "preserve-safety",
    "promote-professionalism-and-trust",
];

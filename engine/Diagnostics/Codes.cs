namespace Verdict.Diagnostics;

/// <summary>Stable diagnostic codes. Never renumber: users grep for them and suppress them by code.</summary>
public static class Codes
{
    // Reading files (VD10xx)
    public const string FileUnreadable = "VD1001";
    public const string FileTooLarge = "VD1002";
    public const string Syntax = "VD1003";
    public const string TooDeep = "VD1004";
    public const string AliasNotAllowed = "VD1005";
    public const string EmptyDocument = "VD1006";
    public const string DuplicateKey = "VD1007";
    public const string MultipleDocuments = "VD1008";

    // Schema (VD11xx)
    public const string UnknownKey = "VD1101";
    public const string WrongType = "VD1102";
    public const string MissingKey = "VD1103";
    public const string NotAllowedValue = "VD1104";
    public const string BadFormat = "VD1105";
    public const string SchemaOther = "VD1106";
    public const string BadValue = "VD1107";

    // Expressions (VD12xx)
    public const string ExpressionSyntax = "VD1201";
    public const string ExpressionType = "VD1202";
    public const string UnknownFactPath = "VD1203";
    public const string ForbiddenMember = "VD1204";
    public const string UnknownLanguage = "VD1205";
    public const string ScriptLimit = "VD1206";

    // Bundle structure (VD13xx)
    public const string NoManifest = "VD1301";
    public const string UnknownKind = "VD1302";
    public const string DuplicatePolicy = "VD1303";
    public const string OverlappingEffective = "VD1304";
    public const string UnknownReference = "VD1305";
    public const string Cycle = "VD1306";
    public const string UnknownVocabulary = "VD1307";
    public const string BadCell = "VD1308";
    public const string NoPolicyInForce = "VD1309";
    public const string RiskRulesNotTotal = "VD1320";

    // Evaluation (VD15xx)
    public const string UniqueMultipleHits = "VD1501";
    public const string UniqueNoHit = "VD1502";
    public const string EvaluationFailed = "VD1503";

    // Lint (VD16xx): analyses policy-lint adds on top of the loader and the compiler
    public const string TableOverlap = "VD1601";
    public const string TableGap = "VD1602";
    public const string RowShadowed = "VD1603";
    public const string RowUnreachable = "VD1604";
    public const string EffectiveHole = "VD1605";
    public const string VersionNotBumped = "VD1606";
    public const string MissingCitation = "VD1607";
    public const string StagesNotIncreasing = "VD1608";
    public const string UnknownClockEvent = "VD1609";
    public const string CalendarTooShort = "VD1610";
    public const string UndefinedRole = "VD1611";
    public const string BundleVersionNotBumped = "VD1612";

    // Robustness (issue 12/13): limits, budgets and literal checks
    public const string NumberOutOfRange = "VD1120";
    public const string ExpressionTooComplex = "VD1220";
    public const string UnknownEnumValue = "VD1221";
    public const string BadHelperArgument = "VD1222";
    public const string BadLimit = "VD1320";
    public const string UnknownJurisdiction = "VD1321";
    public const string EvaluationBudget = "VD1520";
    public const string LoaderFailed = "VD1322";

    // Bundle confinement: a bundle reads only regular files inside its own folder
    public const string PathOutsideBundle = "VD1009";
    public const string NotRegularFile = "VD1010";
    public const string IncludeNotFound = "VD1330";
    public const string NoPolicies = "VD1331";

    // Event logs read by adapters (VD19xx)
    public const string UnknownLogColumn = "VD1900";
    public const string BadLogLine = "VD1901";
    public const string UnknownLogFormat = "VD1902";
    public const string MissingLogColumn = "VD1903";
}

using System.Globalization;

namespace MspasTramite.E2E.Kit;

public static class TestData
{
    /// Valid CUIs (check digit, department and municipality all right). A CUI has at most one account
    /// and the database lives for the whole run, so each journey that creates an account takes its own.
    public static class Cuis
    {
        public const string ForRegistration = "1580352240101";
        public const string ForFoodFactoryFiling = "1587564440904";
        public const string ForDeclinedThenApprovedPayment = "3666527290101";
        public const string ForCancelledPayment = "2768220480502";
        public const string ForRefundedPayment = "2718281880101";
        public const string ForReviewedApplication = "3141592660101";
        public const string ForRatedApplication = "1618033930101";
        public const string ForPublishingJourney = "1414213550101";

        /// 1580352240101 with its first digit changed: the check digit no longer matches.
        public const string WrongCheckDigit = "1680352240101";
    }

    /// An address no other journey or run uses, under the .test domain reserved for testing.
    public static string UniqueEmail(string who) =>
        string.Create(CultureInfo.InvariantCulture, $"{who}-{Guid.NewGuid():N}@example.test");
}

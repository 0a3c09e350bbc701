using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MspasTramite.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Review : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Applications_ProcedureVersionId",
                table: "Applications");

            migrationBuilder.AddColumn<int>(
                name: "LicenceValidityYears",
                table: "ProcedureVersions",
                type: "INTEGER",
                nullable: false,
                defaultValue: 5);

            migrationBuilder.AddColumn<long>(
                name: "AssignedAt",
                table: "Applications",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AssignedToId",
                table: "Applications",
                type: "TEXT",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ClockStoppedAt",
                table: "Applications",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "DecidedAt",
                table: "Applications",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DecidedById",
                table: "Applications",
                type: "TEXT",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DecisionGrounds",
                table: "Applications",
                type: "TEXT",
                maxLength: 8000,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "InspectedAt",
                table: "Applications",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "InspectionFavourable",
                table: "Applications",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "InspectionNotes",
                table: "Applications",
                type: "TEXT",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "InspectionScheduledFor",
                table: "Applications",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Opinion",
                table: "Applications",
                type: "TEXT",
                maxLength: 8000,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ReceivedAt",
                table: "Applications",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Recommendation",
                table: "Applications",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "RecommendedAt",
                table: "Applications",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RecommendedById",
                table: "Applications",
                type: "TEXT",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "SlaDueOn",
                table: "Applications",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "SlaWarnOn",
                table: "Applications",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "WorkflowVersion",
                table: "Applications",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "ProcedureVersion",
                table: "ApplicationEvents",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "WorkflowVersion",
                table: "ApplicationEvents",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Review",
                table: "ApplicationDocuments",
                type: "TEXT",
                maxLength: 40,
                nullable: false,
                defaultValue: "Pending");

            migrationBuilder.AddColumn<string>(
                name: "ReviewReason",
                table: "ApplicationDocuments",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ReviewedAt",
                table: "ApplicationDocuments",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReviewedById",
                table: "ApplicationDocuments",
                type: "TEXT",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "SupersededById",
                table: "ApplicationDocuments",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CorrectionRequests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ApplicationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RequestedById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    RequestedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    DueAt = table.Column<long>(type: "INTEGER", nullable: false),
                    AnsweredAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Items = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CorrectionRequests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CorrectionRequests_Applications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "Applications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Holidays",
                columns: table => new
                {
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Holidays", x => x.Date);
                });

            migrationBuilder.CreateTable(
                name: "Resolutions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ApplicationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Number = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    VerificationCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    IssuedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    IssuedById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    SignedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Holder = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    HolderId = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    Establishment = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    EstablishmentAddress = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    Procedure = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    FileNumber = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Grounds = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    ValidFrom = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ValidUntil = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    RevokedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    RevokedById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    RevocationReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Resolutions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Resolutions_Applications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "Applications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "WorkflowTimers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ApplicationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    DueAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    FiredAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CancelledAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    RetryAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WorkflowTimers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_WorkflowTimers_Applications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "Applications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Applications_AssignedToId_Status_SlaDueOn",
                table: "Applications",
                columns: new[] { "AssignedToId", "Status", "SlaDueOn" });

            migrationBuilder.CreateIndex(
                name: "IX_Applications_ProcedureVersionId_Status_SlaDueOn",
                table: "Applications",
                columns: new[] { "ProcedureVersionId", "Status", "SlaDueOn" });

            migrationBuilder.CreateIndex(
                name: "IX_Applications_Status_SlaDueOn",
                table: "Applications",
                columns: new[] { "Status", "SlaDueOn" });

            migrationBuilder.CreateIndex(
                name: "IX_CorrectionRequests_ApplicationId",
                table: "CorrectionRequests",
                column: "ApplicationId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Resolutions_ApplicationId",
                table: "Resolutions",
                column: "ApplicationId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Resolutions_Number",
                table: "Resolutions",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Resolutions_VerificationCode",
                table: "Resolutions",
                column: "VerificationCode",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_WorkflowTimers_ApplicationId_Kind",
                table: "WorkflowTimers",
                columns: new[] { "ApplicationId", "Kind" });

            migrationBuilder.CreateIndex(
                name: "IX_WorkflowTimers_DueAt",
                table: "WorkflowTimers",
                column: "DueAt",
                filter: "\"FiredAt\" IS NULL AND \"CancelledAt\" IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CorrectionRequests");

            migrationBuilder.DropTable(
                name: "Holidays");

            migrationBuilder.DropTable(
                name: "Resolutions");

            migrationBuilder.DropTable(
                name: "WorkflowTimers");

            migrationBuilder.DropIndex(
                name: "IX_Applications_AssignedToId_Status_SlaDueOn",
                table: "Applications");

            migrationBuilder.DropIndex(
                name: "IX_Applications_ProcedureVersionId_Status_SlaDueOn",
                table: "Applications");

            migrationBuilder.DropIndex(
                name: "IX_Applications_Status_SlaDueOn",
                table: "Applications");

            migrationBuilder.DropColumn(
                name: "LicenceValidityYears",
                table: "ProcedureVersions");

            migrationBuilder.DropColumn(
                name: "AssignedAt",
                table: "Applications");

            migrationBuilder.DropColumn(
                name: "AssignedToId",
                table: "Applications");

            migrationBuilder.DropColumn(
                name: "ClockStoppedAt",
                table: "Applications");

            migrationBuilder.DropColumn(
                name: "DecidedAt",
                table: "Applications");

            migrationBuilder.DropColumn(
                name: "DecidedById",
                table: "Applications");

            migrationBuilder.DropColumn(
                name: "DecisionGrounds",
                table: "Applications");

            migrationBuilder.DropColumn(
                name: "InspectedAt",
                table: "Applications");

            migrationBuilder.DropColumn(
                name: "InspectionFavourable",
                table: "Applications");

            migrationBuilder.DropColumn(
                name: "InspectionNotes",
                table: "Applications");

            migrationBuilder.DropColumn(
                name: "InspectionScheduledFor",
                table: "Applications");

            migrationBuilder.DropColumn(
                name: "Opinion",
                table: "Applications");

            migrationBuilder.DropColumn(
                name: "ReceivedAt",
                table: "Applications");

            migrationBuilder.DropColumn(
                name: "Recommendation",
                table: "Applications");

            migrationBuilder.DropColumn(
                name: "RecommendedAt",
                table: "Applications");

            migrationBuilder.DropColumn(
                name: "RecommendedById",
                table: "Applications");

            migrationBuilder.DropColumn(
                name: "SlaDueOn",
                table: "Applications");

            migrationBuilder.DropColumn(
                name: "SlaWarnOn",
                table: "Applications");

            migrationBuilder.DropColumn(
                name: "WorkflowVersion",
                table: "Applications");

            migrationBuilder.DropColumn(
                name: "ProcedureVersion",
                table: "ApplicationEvents");

            migrationBuilder.DropColumn(
                name: "WorkflowVersion",
                table: "ApplicationEvents");

            migrationBuilder.DropColumn(
                name: "Review",
                table: "ApplicationDocuments");

            migrationBuilder.DropColumn(
                name: "ReviewReason",
                table: "ApplicationDocuments");

            migrationBuilder.DropColumn(
                name: "ReviewedAt",
                table: "ApplicationDocuments");

            migrationBuilder.DropColumn(
                name: "ReviewedById",
                table: "ApplicationDocuments");

            migrationBuilder.DropColumn(
                name: "SupersededById",
                table: "ApplicationDocuments");

            migrationBuilder.CreateIndex(
                name: "IX_Applications_ProcedureVersionId",
                table: "Applications",
                column: "ProcedureVersionId");
        }
    }
}

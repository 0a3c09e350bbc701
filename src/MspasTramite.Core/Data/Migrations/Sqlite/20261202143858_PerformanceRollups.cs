using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MspasTramite.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PerformanceRollups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DailyDurationCount",
                columns: table => new
                {
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ProcedureId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Measure = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Value = table.Column<int>(type: "INTEGER", nullable: false),
                    Count = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DailyDurationCount", x => new { x.Day, x.ProcedureId, x.Measure, x.Value });
                    table.ForeignKey(
                        name: "FK_DailyDurationCount_Procedures_ProcedureId",
                        column: x => x.ProcedureId,
                        principalTable: "Procedures",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DailyFunnelStep",
                columns: table => new
                {
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ProcedureId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Step = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Reached = table.Column<int>(type: "INTEGER", nullable: false),
                    Saved = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DailyFunnelStep", x => new { x.Day, x.ProcedureId, x.Step });
                    table.ForeignKey(
                        name: "FK_DailyFunnelStep_Procedures_ProcedureId",
                        column: x => x.ProcedureId,
                        principalTable: "Procedures",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DailyProcedureFigures",
                columns: table => new
                {
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ProcedureId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Started = table.Column<int>(type: "INTEGER", nullable: false),
                    Submitted = table.Column<int>(type: "INTEGER", nullable: false),
                    Paid = table.Column<int>(type: "INTEGER", nullable: false),
                    Revenue = table.Column<decimal>(type: "TEXT", precision: 16, scale: 2, nullable: false),
                    GatewayFees = table.Column<decimal>(type: "TEXT", precision: 16, scale: 2, nullable: false),
                    ExpiredAttempts = table.Column<int>(type: "INTEGER", nullable: false),
                    MismatchedPayments = table.Column<int>(type: "INTEGER", nullable: false),
                    DuplicatePayments = table.Column<int>(type: "INTEGER", nullable: false),
                    Refunds = table.Column<int>(type: "INTEGER", nullable: false),
                    RefundedAmount = table.Column<decimal>(type: "TEXT", precision: 16, scale: 2, nullable: false),
                    Approved = table.Column<int>(type: "INTEGER", nullable: false),
                    Rejected = table.Column<int>(type: "INTEGER", nullable: false),
                    DecidedInTime = table.Column<int>(type: "INTEGER", nullable: false),
                    OfficerMinutes = table.Column<long>(type: "INTEGER", nullable: false),
                    OfficerFiles = table.Column<int>(type: "INTEGER", nullable: false),
                    SurveyAnswers = table.Column<int>(type: "INTEGER", nullable: false),
                    SurveySatisfied = table.Column<int>(type: "INTEGER", nullable: false),
                    SurveySkips = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DailyProcedureFigures", x => new { x.Day, x.ProcedureId });
                    table.ForeignKey(
                        name: "FK_DailyProcedureFigures_Procedures_ProcedureId",
                        column: x => x.ProcedureId,
                        principalTable: "Procedures",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "OpenFilesCount",
                columns: table => new
                {
                    ProcedureId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Count = table.Column<int>(type: "INTEGER", nullable: false),
                    Overdue = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OpenFilesCount", x => new { x.ProcedureId, x.Status });
                    table.ForeignKey(
                        name: "FK_OpenFilesCount_Procedures_ProcedureId",
                        column: x => x.ProcedureId,
                        principalTable: "Procedures",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PerformanceRollupState",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    OpenFrom = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    RefreshedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PerformanceRollupState", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SurveyResponses_AnsweredAt",
                table: "SurveyResponses",
                column: "AnsweredAt");

            migrationBuilder.CreateIndex(
                name: "IX_Refunds_CreatedAt",
                table: "Refunds",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_FormStepEvents_At",
                table: "FormStepEvents",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_Applications_CreatedAt",
                table: "Applications",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Applications_DecidedAt",
                table: "Applications",
                column: "DecidedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Applications_SubmittedAt",
                table: "Applications",
                column: "SubmittedAt");

            migrationBuilder.CreateIndex(
                name: "IX_ApplicationEvents_At",
                table: "ApplicationEvents",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_DailyDurationCount_ProcedureId",
                table: "DailyDurationCount",
                column: "ProcedureId");

            migrationBuilder.CreateIndex(
                name: "IX_DailyFunnelStep_ProcedureId",
                table: "DailyFunnelStep",
                column: "ProcedureId");

            migrationBuilder.CreateIndex(
                name: "IX_DailyProcedureFigures_ProcedureId",
                table: "DailyProcedureFigures",
                column: "ProcedureId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DailyDurationCount");

            migrationBuilder.DropTable(
                name: "DailyFunnelStep");

            migrationBuilder.DropTable(
                name: "DailyProcedureFigures");

            migrationBuilder.DropTable(
                name: "OpenFilesCount");

            migrationBuilder.DropTable(
                name: "PerformanceRollupState");

            migrationBuilder.DropIndex(
                name: "IX_SurveyResponses_AnsweredAt",
                table: "SurveyResponses");

            migrationBuilder.DropIndex(
                name: "IX_Refunds_CreatedAt",
                table: "Refunds");

            migrationBuilder.DropIndex(
                name: "IX_FormStepEvents_At",
                table: "FormStepEvents");

            migrationBuilder.DropIndex(
                name: "IX_Applications_CreatedAt",
                table: "Applications");

            migrationBuilder.DropIndex(
                name: "IX_Applications_DecidedAt",
                table: "Applications");

            migrationBuilder.DropIndex(
                name: "IX_Applications_SubmittedAt",
                table: "Applications");

            migrationBuilder.DropIndex(
                name: "IX_ApplicationEvents_At",
                table: "ApplicationEvents");
        }
    }
}

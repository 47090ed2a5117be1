//! 我的罚单 over HTTP: `/ticket/?…` answers the built form page with the timeline put in, and
//! `/ticket/ticket.ics?…` the same dates as a calendar file. Both read the rules the build wrote
//! beside the page; nothing the party types is stored, logged or cached (`no-store`). Bad input
//! is a 400 with the form and a Chinese message, never a 500.

use axum::extract::{RawQuery, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use percent_encoding::percent_decode;

use super::AppState;
use crate::legal_time::ticket::{self, FieldError, Form, Read, Rules};
use crate::render::ticket as page;
use crate::routes;

const NO_STORE: HeaderValue = HeaderValue::from_static("no-store");

/// Decoded query pairs; bytes that are not UTF-8 are an error, not replaced.
fn pairs(raw: Option<&str>) -> Result<Vec<(String, String)>, FieldError> {
    let decode = |s: &str| {
        percent_decode(s.replace('+', " ").as_bytes())
            .decode_utf8()
            .map(|c| c.into_owned())
            .map_err(|_| FieldError {
                field: "date",
                message: "地址中有无法识别的字符，请重新填写表单".into(),
            })
    };
    raw.unwrap_or("")
        .split('&')
        .filter(|p| !p.is_empty())
        .take(20)
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            Ok((decode(k)?, decode(v)?))
        })
        .collect()
}

async fn rules(state: &AppState) -> Option<Rules> {
    let file = state.public_dir.join(routes::file_of(routes::TICKET_RULES));
    let text = tokio::fs::read_to_string(file).await.ok()?;
    serde_json::from_str(&text).ok()
}

/// What a request asks, read against the rules.
enum Answer {
    Empty,
    Timeline(Form, Box<ticket::Timeline>),
    Invalid(Form, Vec<FieldError>),
}

fn answer(raw: Option<&str>, rules: &Rules) -> Answer {
    let pairs = match pairs(raw) {
        Ok(p) => p,
        Err(e) => return Answer::Invalid(Form::default(), vec![e]),
    };
    match ticket::read(pairs, rules, crate::legal_time::today()) {
        (_, Read::Empty) => Answer::Empty,
        (form, Read::Input(input)) => {
            Answer::Timeline(form, Box::new(ticket::timeline(input, rules)))
        }
        (form, Read::Invalid(errors)) => Answer::Invalid(form, errors),
    }
}

fn unavailable() -> Response {
    (
        StatusCode::SERVICE_UNAVAILABLE,
        [(header::CACHE_CONTROL, NO_STORE)],
        Html("期限计算暂时不可用（网站尚未构建完成），请稍后再试。".to_string()),
    )
        .into_response()
}

pub(super) async fn ticket_page(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Response {
    let shell_file = state.public_dir.join(routes::file_of(routes::TICKET.path));
    let shell = tokio::fs::read_to_string(shell_file)
        .await
        .unwrap_or_default();
    let Some(rules) = rules(&state).await else {
        return unavailable();
    };
    let (status, html) = match answer(raw.as_deref(), &rules) {
        Answer::Empty => (StatusCode::OK, shell),
        Answer::Timeline(form, t) => (
            StatusCode::OK,
            page::fill(&shell, page::result(&form, &rules, &t)),
        ),
        Answer::Invalid(form, errors) => (
            StatusCode::BAD_REQUEST,
            page::fill(&shell, page::invalid(&form, &rules, &errors)),
        ),
    };
    (status, [(header::CACHE_CONTROL, NO_STORE)], Html(html)).into_response()
}

pub(super) async fn ticket_ics(State(state): State<AppState>, RawQuery(raw): RawQuery) -> Response {
    let Some(rules) = rules(&state).await else {
        return unavailable();
    };
    let text_error = |message: String| {
        (
            StatusCode::BAD_REQUEST,
            [
                (
                    header::CONTENT_TYPE,
                    HeaderValue::from_static("text/plain; charset=utf-8"),
                ),
                (header::CACHE_CONTROL, NO_STORE),
            ],
            message,
        )
            .into_response()
    };
    match answer(raw.as_deref(), &rules) {
        Answer::Timeline(_, t) => (
            [
                (
                    header::CONTENT_TYPE,
                    HeaderValue::from_static("text/calendar; charset=utf-8"),
                ),
                (
                    header::CONTENT_DISPOSITION,
                    HeaderValue::from_static("attachment; filename=\"ticket.ics\""),
                ),
                (header::CACHE_CONTROL, NO_STORE),
            ],
            page::ics(&t),
        )
            .into_response(),
        Answer::Empty => text_error("请先在“我的罚单”页面填写日期和程序。".into()),
        Answer::Invalid(_, errors) => text_error(
            errors
                .iter()
                .map(|e| e.message.as_str())
                .collect::<Vec<_>>()
                .join("\n"),
        ),
    }
}
